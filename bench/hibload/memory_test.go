package main

import (
	"os"
	"slices"
	"testing"
)

func TestClasses(t *testing.T) {
	a := treeMem{classIdled: {1, 10}, classMaster: {1, 5}, "notifyd": {1, 3}}
	b := treeMem{classThaw: {2, 20}, classImapd: {3, 30}, "aaa": {1, 1}}
	want := []string{classMaster, classImapd, classThaw, classIdled, "aaa", "notifyd"}
	if got := classes(a, b); !slices.Equal(got, want) {
		t.Fatalf("classes = %q, want %q", got, want)
	}
	if got := (treeMem{classIdled: {1, 10}, classMaster: {1, 5}}).total(); got != 15 {
		t.Fatalf("total = %d", got)
	}
}

func TestPerConn(t *testing.T) {
	tests := []struct {
		before, after, n int
		want             float64
	}{
		{1000, 2000, 1000, 1},
		{1000, 1500, 1000, 0.5},
		{2000, 1000, 1000, -1},
		{0, 10, 0, 0},
	}
	for _, tt := range tests {
		if got := perConn(tt.before, tt.after, tt.n); got != tt.want {
			t.Errorf("perConn(%d, %d, %d) = %v, want %v", tt.before, tt.after, tt.n, got, tt.want)
		}
	}
}

// TestReadTreeMem reads this test process as a one-process "server".
func TestReadTreeMem(t *testing.T) {
	m, err := readTreeMem(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if m[classMaster].n != 1 || m[classMaster].pss <= 0 {
		t.Fatalf("own memory: %+v", m)
	}
}
