package lmtp

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
)

// spool receives one message into an unlinked temporary file, through
// the content filter, counting octets against the size limit. Write never
// fails: the first problem is kept as the reply every recipient will get,
// and the rest of the message is read and dropped so the session stays
// in step with the client.
type spool struct {
	f    *os.File // nil when the file could not be created
	bw   *bufio.Writer
	flt  *filter
	n    int64 // client octets received
	max  int64 // 0: no limit
	fail *Reply
	log  func(err error)
}

// newSpool creates the spool for the current transaction and writes the
// trace headers. A spool that could not be created is returned anyway,
// failed, with the error.
func (s *session) newSpool() (*spool, error) {
	sp := &spool{max: s.opt.MaxMessageSize, log: func(err error) {
		s.log.Error().Err(err).Msg("write spool file")
	}}
	f, err := os.CreateTemp(s.opt.SpoolDir, "lmtp-*")
	if err != nil {
		sp.fail = ioReply(err)
		return sp, fmt.Errorf("create spool file: %w", err)
	}
	// Unlinked at once: the open file is all we need, and nothing is left
	// behind if the worker dies.
	if err := os.Remove(f.Name()); err != nil {
		_ = f.Close()
		sp.fail = ioReply(err)
		return sp, fmt.Errorf("unlink spool file: %w", err)
	}
	now := s.opt.Now()
	sp.f = f
	sp.bw = bufio.NewWriterSize(f, 32<<10)
	_, _ = sp.bw.WriteString(s.traceHeaders(now))
	sp.flt = newFilter(sp.bw, filterOptions{
		maxHeaderLine: s.opt.MaxHeaderLine,
		eightBitMIME:  s.tx.env.Body == "8BITMIME",
		reject8Bit:    s.opt.Reject8Bit,
		keep8Bit:      s.opt.Keep8BitHeaders,
		newMessageID:  func() string { return newMessageID(s.opt.ServerName, now) },
		date:          formatDate(now),
	})
	return sp, nil
}

// Write takes message octets (after dot-unstuffing).
func (sp *spool) Write(p []byte) (int, error) {
	sp.n += int64(len(p))
	switch {
	case sp.fail != nil:
	case sp.max > 0 && sp.n > sp.max:
		// RFC 1870 §6.3: keep reading, refuse at the end.
		sp.fail = &replyTooBig
	default:
		_, _ = sp.flt.Write(p)
		sp.fail = sp.flt.fail
	}
	return len(p), nil
}

// failure is the reply for a message already known to be refused.
func (sp *spool) failure() *Reply { return sp.fail }

// finish ends the message: the Message to deliver, or the reply every
// recipient gets instead.
func (sp *spool) finish() (*Message, *Reply) {
	if sp.fail != nil {
		return nil, sp.fail
	}
	if r := sp.flt.close(); r != nil {
		return nil, r
	}
	if err := sp.bw.Flush(); err != nil {
		return nil, sp.ioFailure(err)
	}
	size, err := sp.f.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil, sp.ioFailure(err)
	}
	prefix := size - sp.flt.written
	return &Message{
		f:          sp.f,
		size:       size,
		BodyOffset: prefix + sp.flt.bodyOffset,
		EightBit:   sp.flt.eightBit,
		MessageID:  sp.flt.messageID,
	}, nil
}

func (sp *spool) ioFailure(err error) *Reply {
	sp.log(err)
	return ioReply(err)
}

// close drops the spool file.
func (sp *spool) close() {
	if sp.f != nil {
		_ = sp.f.Close()
		sp.f = nil
	}
}

// ioReply maps a spool error as Cyrus does: 4.3.1 when the disk or quota
// is full, 4.3.0 otherwise.
func ioReply(err error) *Reply {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) {
		return &replyNoSpace
	}
	return &replyIOError
}
