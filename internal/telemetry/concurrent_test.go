package telemetry

import (
	"bytes"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// TestChunksWhole hammers one file from two goroutines of one Log and two of
// a second Log on the same file (a hand-over, as two processes would), then
// parses the file back: every chunk must come out whole, after its marker.
func TestChunksWhole(t *testing.T) {
	cfg := setup(t)
	l1, err := Open(cfg, "alice", "imap", "1")
	if err != nil {
		t.Fatal(err)
	}
	l2, err := Reopen(l1.Path(), "")
	if err != nil {
		t.Fatal(err)
	}
	const n = 200
	writers := []struct {
		letter byte
		log    func([]byte)
	}{{'i', l1.Input}, {'o', l1.Output}, {'j', l2.Input}, {'p', l2.Output}}
	var wg sync.WaitGroup
	for _, w := range writers {
		wg.Go(func() {
			for k := range n {
				w.log(append(bytes.Repeat([]byte{w.letter}, 1+k*17%3000), "\r\n"...))
			}
		})
	}
	wg.Wait()
	l1.Close(false)
	l2.Close(false)
	checkChunks(t, readFile(t, l1.Path()), n)
}

// checkChunks parses the chunks after the two header lines and checks that
// each is one writer's payload, whole, with the right direction.
func checkChunks(t *testing.T, file string, n int) {
	t.Helper()
	lines := strings.SplitAfterN(file, "\n", 3)
	if len(lines) != 3 || !strings.HasPrefix(lines[1], "---------- handed over to pid ") {
		t.Fatalf("headers missing: %q", file[:min(len(file), 200)])
	}
	body := lines[2]
	marker := regexp.MustCompile(`([<>])\d+([<>])`)
	locs := marker.FindAllStringSubmatchIndex(body, -1)
	if len(locs) != 4*n || locs[0][0] != 0 {
		t.Fatalf("%d markers, first at %d; want %d at 0", len(locs), locs[0][0], 4*n)
	}
	seen := map[byte]int{}
	for i, loc := range locs {
		end := len(body)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		data := body[loc[1]:end]
		if data == "" {
			t.Fatalf("chunk %d is empty", i)
		}
		letter := data[0]
		k := seen[letter]
		want := strings.Repeat(string(letter), 1+k*17%3000) + "\r\n"
		dir := body[loc[2]]
		wantDir := map[byte]byte{'i': '<', 'j': '<', 'o': '>', 'p': '>'}[letter]
		if data != want || dir != wantDir || body[loc[4]] != dir {
			t.Fatalf("chunk %d: %q… after %q; want %d×%c from %c", i, data[:min(len(data), 20)], body[loc[0]:loc[1]], len(want)-2, letter, wantDir)
		}
		seen[letter]++
	}
}
