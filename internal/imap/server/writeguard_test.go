package server

import (
	"bytes"
	"errors"
	"testing"
	"time"
)

// deadlineLog records the write deadlines a guard sets.
type deadlineLog struct{ set []time.Time }

func (d *deadlineLog) SetWriteDeadline(t time.Time) error {
	d.set = append(d.set, t)
	return nil
}

// shortWriter takes at most max octets per call and fails after limit.
type shortWriter struct {
	buf      bytes.Buffer
	max      int
	limit    int
	piecesIn []int
}

func (w *shortWriter) Write(p []byte) (int, error) {
	w.piecesIn = append(w.piecesIn, len(p))
	if w.buf.Len() >= w.limit {
		return 0, errors.New("i/o timeout")
	}
	n := min(len(p), w.max)
	w.buf.Write(p[:n])
	return n, nil
}

func TestWriteGuard(t *testing.T) {
	tests := []struct {
		name        string
		size        int
		max, limit  int
		wantN       int
		wantErr     bool
		wantPieces  int // calls to the writer
		wantLargest int
	}{
		{name: "small write, one deadline", size: 100, max: 1 << 20, limit: 1 << 30, wantN: 100, wantPieces: 1, wantLargest: 100},
		{name: "1 MB in 16 KiB pieces", size: 1 << 20, max: 1 << 20, limit: 1 << 30, wantN: 1 << 20, wantPieces: 64, wantLargest: literalMinProgress},
		{name: "short writes go on", size: 40000, max: 10000, limit: 1 << 30, wantN: 40000, wantPieces: 4, wantLargest: literalMinProgress},
		{name: "a stalled client ends the write", size: 1 << 20, max: 1 << 20, limit: 3 * literalMinProgress, wantN: 3 * literalMinProgress, wantErr: true, wantPieces: 4, wantLargest: literalMinProgress},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := time.Unix(1000, 0)
			log := &deadlineLog{}
			w := &shortWriter{max: tt.max, limit: tt.limit}
			g := &writeGuard{w: w, conn: log, d: time.Minute, now: func() time.Time { clock = clock.Add(time.Second); return clock }}
			n, err := g.Write(bytes.Repeat([]byte("x"), tt.size))
			if n != tt.wantN || (err != nil) != tt.wantErr {
				t.Fatalf("Write = %d, %v; want %d, error %v", n, err, tt.wantN, tt.wantErr)
			}
			if len(w.piecesIn) != tt.wantPieces || slicesMax(w.piecesIn) != tt.wantLargest {
				t.Errorf("pieces %v; want %d, largest %d", w.piecesIn, tt.wantPieces, tt.wantLargest)
			}
			if len(log.set) != len(w.piecesIn) {
				t.Errorf("%d deadlines for %d pieces", len(log.set), len(w.piecesIn))
			}
			for i, d := range log.set {
				if want := time.Unix(1000, 0).Add(time.Duration(i+1)*time.Second + time.Minute); !d.Equal(want) {
					t.Errorf("deadline %d = %v, want %v (a fresh one per piece)", i, d, want)
				}
			}
		})
	}
}

func slicesMax(s []int) int {
	m := 0
	for _, v := range s {
		m = max(m, v)
	}
	return m
}

// TestGuardWritesOff: without imap_command_timeout writes are not
// wrapped, as Cyrus.
func TestGuardWritesOff(t *testing.T) {
	s := &Session{srv: &Server{opts: Options{}}}
	var b bytes.Buffer
	if w := s.guardWrites(&b); w != &b {
		t.Fatalf("guardWrites wrapped the writer with imap_command_timeout 0: %T", w)
	}
	s.srv.opts.CommandTimeout = time.Second
	if _, ok := s.guardWrites(&b).(*writeGuard); !ok {
		t.Fatal("guardWrites did not wrap the writer with imap_command_timeout set")
	}
}
