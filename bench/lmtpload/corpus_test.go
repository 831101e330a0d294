package main

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestMessageSizes(t *testing.T) {
	draw := func() []int {
		rng := rand.New(rand.NewPCG(seed, 1))
		out := make([]int, 1000)
		for i := range out {
			out[i] = messageSize(rng)
		}
		return out
	}
	a, b := draw(), draw()
	if !slices.Equal(a, b) {
		t.Fatal("sizes differ between two draws with the same seed")
	}
	lo, hi := slices.Min(a), slices.Max(a)
	if lo < minSize || hi > maxSize {
		t.Errorf("sizes span %d–%d, outside %d–%d", lo, hi, minSize, maxSize)
	}
	// Uniform over 2–100 KB: 1000 draws reach both ends' tenths.
	if lo > minSize+(maxSize-minSize)/10 || hi < maxSize-(maxSize-minSize)/10 {
		t.Errorf("sizes span only %d–%d", lo, hi)
	}
}

func TestPool(t *testing.T) {
	a, b := pool(16), pool(16)
	stuffedLine := false
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			t.Fatalf("message %d differs between two pools", i)
		}
		m := unstuff(a[i])
		if len(m) < minSize || len(m) > maxSize {
			t.Errorf("message %d is %d bytes", i, len(m))
		}
		if !bytes.HasSuffix(a[i], []byte("\r\n")) || bytes.Contains(a[i], []byte("\r\n.\r\n")) {
			t.Errorf("message %d is not ready for DATA", i)
		}
		if bytes.Contains(bytes.ReplaceAll(m, []byte("\r\n"), nil), []byte("\r")) || bytes.Contains(bytes.ReplaceAll(m, []byte("\r\n"), nil), []byte("\n")) {
			t.Errorf("message %d holds a bare CR or LF", i)
		}
		if bytes.Contains(m, []byte("Message-ID:")) {
			t.Errorf("message %d has a Message-ID of its own", i)
		}
		stuffedLine = stuffedLine || bytes.Contains(a[i], []byte("\r\n.."))
	}
	if !stuffedLine {
		t.Error("no message has a line starting with a period: dot-stuffing is not exercised")
	}
}

func TestFit(t *testing.T) {
	rng := rand.New(rand.NewPCG(seed, 1))
	for _, size := range []int{minSize, 5000, maxSize} {
		m := message(rng, 1, size)
		if len(m) != size || !bytes.HasSuffix(m, []byte("\r\n")) || bytes.HasSuffix(m, []byte("\r\r\n")) {
			t.Errorf("message of %d: %d bytes ending %q", size, len(m), m[max(0, len(m)-3):])
		}
	}
	if got := fit([]byte("ab\r\r\n"), 5); string(got) != "abx\r\n" {
		t.Errorf("fit left a bare CR: %q", got)
	}
}
