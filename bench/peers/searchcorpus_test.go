package main

import (
	"bytes"
	"strings"
	"testing"
)

// The corpus is a pure function of the message number: the same bytes
// for every server, whatever order the fill takes them in; sizes stay in
// 1–50 KB, and replies carry References to earlier messages.
func TestSearchCorpus(t *testing.T) {
	a, b := newCorpus(500), newCorpus(500)
	replies := 0
	for _, i := range []int{0, 1, 77, 250, 499} {
		ma, mb := a.message(i), b.message(i)
		if !bytes.Equal(ma.raw, mb.raw) || ma.flags != mb.flags || !ma.internal.Equal(mb.internal) {
			t.Fatalf("message %d differs between two corpora", i)
		}
		if n := len(ma.raw); n < 512 || n > 50<<10 {
			t.Errorf("message %d: %d bytes", i, n)
		}
		if !bytes.Contains(ma.raw, []byte("Message-ID: "+msgID(i)+"\r\n")) {
			t.Errorf("message %d: no Message-ID", i)
		}
	}
	for i := range 500 {
		subj, refs := a.subjectOf(i)
		if refs == "" {
			continue
		}
		replies++
		if a.threads.parent[i] >= int32(i) || !strings.HasSuffix(subj, a.threads.base[a.threads.parent[i]]) {
			t.Errorf("message %d: parent %d, subject %q", i, a.threads.parent[i], subj)
		}
	}
	if replies < 150 || replies > 350 {
		t.Errorf("%d replies in 500 messages", replies)
	}
}

func TestResultCount(t *testing.T) {
	for _, tt := range []struct {
		untagged []string
		want     int
	}{
		{[]string{"SEARCH 1 2 3"}, 3},
		{[]string{"SEARCH"}, 0},
		{[]string{"SORT 5 4"}, 2},
		{[]string{`ESEARCH (TAG "p3") UID COUNT 42`}, 42},
		{[]string{"THREAD (1)(2 (3)(4))((5)(6))"}, 3},
		{[]string{"THREAD"}, 0},
		{[]string{"OK [UNSEEN 3] x", "SEARCH 7"}, 1},
	} {
		if got := resultCount(tt.untagged); got != tt.want {
			t.Errorf("resultCount(%q) = %d, want %d", tt.untagged, got, tt.want)
		}
	}
}
