package main

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	ten := []time.Duration{10, 9, 8, 7, 6, 5, 4, 3, 2, 1}
	tests := []struct {
		in   []time.Duration
		p    float64
		want time.Duration
	}{
		{nil, 50, 0},
		{[]time.Duration{7}, 99, 7},
		{ten, 50, 5},
		{ten, 90, 9},
		{ten, 99, 10},
		{ten, 100, 10},
		{ten, 1, 1},
	}
	for _, tt := range tests {
		if got := percentile(tt.in, tt.p); got != tt.want {
			t.Errorf("percentile(%v, %v) = %v, want %v", tt.in, tt.p, got, tt.want)
		}
	}
	if ten[0] != 10 {
		t.Error("percentile sorted its input in place")
	}
}

func TestMedian(t *testing.T) {
	tests := []struct {
		in   []float64
		want float64
	}{
		{nil, 0},
		{[]float64{3}, 3},
		{[]float64{9, 1, 5}, 5},
		{[]float64{4, 1, 3, 2}, 2.5},
	}
	for _, tt := range tests {
		if got := median(tt.in); got != tt.want {
			t.Errorf("median(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

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
