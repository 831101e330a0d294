package server

import (
	"fmt"
	"os"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/mmap"
)

// catBuffer collects a CATENATE message: in memory while small, then in
// an unlinked temporary file as APPEND's literals are, so a large
// message is never held on the heap.
type catBuffer struct {
	limit int64 // maxmessagesize, 0 for none
	spool func() (*os.File, error)
	mem   []byte
	f     *os.File
	size  int64
}

// write appends p, refusing with NO [TOOBIG] (RFC 4469 §3, as a plain
// APPEND over maxmessagesize) as soon as the message grows too large.
func (b *catBuffer) write(p []byte) error {
	next := b.size + int64(len(p))
	if b.limit > 0 && next > b.limit {
		return no(imap.ResponseCodeTooBig, fmt.Sprintf("Message too large (limit %d)", b.limit))
	}
	if b.f == nil && next > mapThreshold {
		f, err := b.spool()
		if err != nil {
			return err
		}
		if _, err := f.Write(b.mem); err != nil {
			return fmt.Errorf("catenate spool: %w", err)
		}
		b.f, b.mem = f, nil
	}
	if b.f != nil {
		if _, err := b.f.Write(p); err != nil {
			return fmt.Errorf("catenate spool: %w", err)
		}
	} else {
		b.mem = append(b.mem, p...)
	}
	b.size = next
	return nil
}

// finish returns the message, mapped from its file if it has one.
func (b *catBuffer) finish() ([]byte, *mmap.File, error) {
	if b.f == nil {
		if b.mem == nil {
			b.mem = []byte{}
		}
		return b.mem, nil, nil
	}
	m, err := mmap.Map(b.f, b.size)
	if err != nil {
		return nil, nil, fmt.Errorf("catenate spool: %w", err)
	}
	return m.Data, m, nil
}

// discard drops what was collected; a spool file stays with the
// session's others, which the APPEND closes when it ends.
func (b *catBuffer) discard() { b.mem, b.f = nil, nil }

// catSpool opens an unlinked temporary file for a CATENATE message and
// hands it to the APPEND's spool, closed with the literals' files. It
// comes after every literal's file, so their indexes stay as they are.
func (s *Session) catSpool() (*os.File, error) {
	f, err := os.CreateTemp("", "corvus-catenate-")
	if err != nil {
		return nil, fmt.Errorf("catenate spool: %w", err)
	}
	os.Remove(f.Name()) // as appendLiteral: nothing left after a crash
	s.spool = append(s.spool, f)
	return f, nil
}
