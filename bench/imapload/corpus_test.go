package main

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestFit(t *testing.T) {
	rng := rand.New(rand.NewPCG(seed, 1))
	for _, size := range []int{2, 3, 100, 5120, 20480} {
		m := fit(message(rng, 1, size), size)
		if len(m) != size || !strings.HasSuffix(string(m), "\r\n") {
			t.Errorf("fit to %d: %d bytes ending %q", size, len(m), m[max(0, len(m)-2):])
		}
		s := string(m[:len(m)-2])
		if strings.HasSuffix(s, "\r") {
			t.Errorf("fit to %d leaves a bare CR", size)
		}
	}
}

func TestMessageDeterministic(t *testing.T) {
	a := message(rand.New(rand.NewPCG(seed, 1)), 5, 3000)
	b := message(rand.New(rand.NewPCG(seed, 1)), 5, 3000)
	if string(a) != string(b) || !strings.Contains(string(a), "Subject: load message 5 ") {
		t.Error("message is not a deterministic function of seed and number")
	}
}
