package inflate

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"time"
)

// readResult is one Read done in the background.
type readResult struct {
	b   []byte
	err error
}

// readWithin reads once from r and fails the test after d.
func readWithin(t *testing.T, r io.Reader, d time.Duration) readResult {
	t.Helper()
	ch := make(chan readResult, 1)
	go func() {
		buf := make([]byte, 4096)
		n, err := r.Read(buf)
		ch <- readResult{buf[:n], err}
	}()
	select {
	case res := <-ch:
		return res
	case <-time.After(d):
		t.Fatal("Read still waits for input although a command was decodable")
		return readResult{}
	}
}

// Over a pipe, whose reads block like a socket's, Read returns the first
// command of a partial-flushed stream while the writer sends nothing
// more, and the next one when it arrives.
func TestReadReturnsWhileSourceBlocks(t *testing.T) {
	plain, fixtures := loadFixtures(t)
	for _, f := range fixtures {
		t.Run(f.Name, func(t *testing.T) {
			data := fixtureData(t, f)
			pr, pw := io.Pipe()
			defer pr.Close()
			z := NewReader(pr)
			written := make(chan error, 1)
			send := func(p []byte) {
				go func() { _, err := pw.Write(p); written <- err }()
			}
			send(data[:f.Marks[0][0]])
			first := plain[:f.Marks[0][1]]
			var got []byte
			for len(got) < len(first) {
				res := readWithin(t, z, 10*time.Second)
				if res.err != nil {
					t.Fatalf("Read: %v", res.err)
				}
				got = append(got, res.b...)
			}
			if !bytes.Equal(got, first) {
				t.Fatalf("first command %q, want %q", got, first)
			}
			if err := <-written; err != nil {
				t.Fatal(err)
			}
			send(data[f.Marks[0][0]:f.Marks[1][0]])
			res := readWithin(t, z, 10*time.Second)
			if want := plain[f.Marks[0][1]:f.Marks[1][1]]; !bytes.HasPrefix(want, res.b) || len(res.b) == 0 {
				t.Fatalf("second command %q, want %q", res.b, want)
			}
			<-written
			pw.Close()
			if _, err := io.ReadAll(z); !errors.Is(err, io.ErrUnexpectedEOF) {
				t.Fatalf("source closed mid-stream: %v, want io.ErrUnexpectedEOF", err)
			}
		})
	}
}

// A source error such as a read deadline is handed to the caller but
// does not end the stream: the next Read carries on.
func TestSourceErrorIsNotSticky(t *testing.T) {
	in := sample("text", 3000)
	comp := deflate(t, in, 6, 0)
	src := &gatedSource{data: comp, limit: len(comp) / 2}
	z := NewReader(src)
	got, err := readUntilBlocked(t, z)
	if !errors.Is(err, errBlocked) || len(got) == 0 {
		t.Fatalf("half the input: %d bytes, %v", len(got), err)
	}
	src.limit = len(comp)
	rest, err := io.ReadAll(z)
	if err != nil || !bytes.Equal(append(got, rest...), in) {
		t.Fatalf("after the error: %v, equal %v", err, bytes.Equal(append(got, rest...), in))
	}
}
