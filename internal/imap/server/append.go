package server

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/ingest"
	"github.com/corvusmail/corvus/internal/mmap"
	"github.com/corvusmail/corvus/internal/store"
)

func init() {
	register(func(r *registry) {
		r.appendLimit = true
		r.capPost(imap.CapMultiAppend)
		r.add("APPEND", authed, (*Session).cmdAppend)
	})
}

// appendLimit is APPENDLIMIT (RFC 7889): maxmessagesize, 0 for none.
func (s *Session) appendLimit() int64 { return s.srv.opts.MaxMessageSize }

// appendLiteral is called for each literal of an APPEND before any of it
// is read: the mailbox is checked and the size against maxmessagesize,
// so a refused message is never transferred (RFC 7888 §4 for {n+}, which
// the reader skips), and an accepted one is read into memory if small
// (keepInMemory), else streams to a temporary file.
func (s *Session) appendLiteral(info wire.LiteralInfo) (io.Writer, error) {
	if lim := s.appendLimit(); lim > 0 && info.Size > lim {
		return nil, no(imap.ResponseCodeTooBig, fmt.Sprintf("Message too large (limit %d)", lim))
	}
	if info.Index == 0 {
		d := info.Command.Decoder()
		if err := d.SP(); err == nil {
			if raw, err := d.Mailbox(); err == nil {
				if err := s.appendTarget(raw, func(*mailboxRef, store.Mailbox) error { return nil }); err != nil {
					return nil, err
				}
			}
		}
	}
	if keepInMemory(info) {
		s.spool = append(s.spool, nil) // keeps s.spool[i] the file of literal i
		return nil, nil
	}
	f, err := os.CreateTemp("", "corvus-append-")
	if err != nil {
		return nil, fmt.Errorf("append spool: %w", err)
	}
	os.Remove(f.Name()) // unlinked at once: nothing is left after a crash
	s.spool = append(s.spool, f)
	return f, nil
}

// literalRefused answers a command whose literal the reader refused.
func (s *Session) literalRefused(le *wire.LiteralError) {
	s.dropSpool()
	var res *result
	switch {
	case errors.As(le.Err, &res):
		s.w.Status(le.Tag, res.typ, res.code, res.text)
	case errors.Is(le.Err, wire.ErrLiteralTooBig), errors.Is(le.Err, wire.ErrNonSyncTooBig):
		s.w.Status(le.Tag, imap.StatusResponseTypeBad, wire.PlainCode(imap.ResponseCodeTooBig), "Literal too large")
	default:
		s.w.Status(le.Tag, imap.StatusResponseTypeBad, noCode, le.Err.Error())
	}
}

// dropSpool closes the command's temporary files.
func (s *Session) dropSpool() {
	for _, f := range s.spool {
		if f != nil {
			f.Close()
		}
	}
	s.spool = nil
}

// cmdAppend: RFC 9051 §6.3.12 with UIDPLUS's APPENDUID (RFC 4315 §3)
// and MULTIAPPEND (RFC 3502, all or nothing).
func (s *Session) cmdAppend(cmd *wire.Command) error {
	defer s.dropSpool()
	p, err := wire.ParseAppend(cmd.Decoder())
	if err != nil {
		return err
	}
	return s.appendTarget(p.Mailbox, func(ref *mailboxRef, mbox store.Mailbox) error {
		return s.appendTo(ref, mbox, p)
	})
}

// appendTarget resolves APPEND's mailbox, checks the i right (RFC 4314
// §4) and runs fn on it; a mailbox that does not exist, or that the
// session may not see, is NO [TRYCREATE].
func (s *Session) appendTarget(raw []byte, fn func(*mailboxRef, store.Mailbox) error) error {
	ref, err := s.resolveWire(raw)
	if err != nil {
		return tryCreate(err)
	}
	defer ref.release()
	mbox, _, err := s.access(ref, rightInsert)
	if err != nil {
		return tryCreate(err)
	}
	return fn(ref, mbox)
}

// appendTo stores APPEND's messages into mbox.
func (s *Session) appendTo(ref *mailboxRef, mbox store.Mailbox, p *wire.Append) error {
	items := make([]store.AppendItem, len(p.Messages))
	var maps []*mmap.File
	defer func() {
		for _, m := range maps {
			m.Close()
		}
	}()
	for i, m := range p.Messages {
		raw, mapped, binary, err := s.appendData(&m)
		maps = append(maps, mapped)
		if err != nil {
			return err
		}
		if err := checkAppended(raw, binary); err != nil {
			return err
		}
		msg, err := newMessage(raw, m.Options)
		if err != nil {
			return err
		}
		items[i] = store.AppendItem{Body: bytes.NewReader(raw), Message: msg}
	}
	uidValidity, uids, err := s.storeAppend(mbox, items)
	if err != nil {
		return tryCreate(err)
	}
	s.notifyOther(ref, mbox)
	if err := s.update(true); err != nil {
		return err
	}
	return ok(wire.AppendUIDCode(uidValidity, uidSet(uids)), "APPEND completed")
}

// literalBytes returns a message's octets, from memory or mapped from its
// spool file (the mapping, for the caller to close once the store has the
// message).
func (s *Session) literalBytes(l *wire.Literal, index int) ([]byte, *mmap.File, error) {
	if !l.Streamed {
		return l.Data, nil, nil
	}
	if index >= len(s.spool) {
		return nil, nil, fmt.Errorf("append: no spool file for literal %d", index)
	}
	m, err := mmap.Map(s.spool[index], l.Size)
	if err != nil {
		return nil, nil, fmt.Errorf("append: spool: %w", err)
	}
	return m.Data, m, nil
}

func (s *Session) storeAppend(mbox store.Mailbox, items []store.AppendItem) (uint32, []imap.UID, error) {
	opts := store.AppendOptions{Quota: s.quotaPolicy()}
	if len(items) == 1 {
		r, err := mbox.Append(s.ctx, items[0].Body, items[0].Message, opts)
		return r.UIDValidity, []imap.UID{r.UID}, err
	}
	r, err := mbox.AppendMany(s.ctx, items, opts)
	return r.UIDValidity, r.UIDs, err
}

func (s *Session) quotaPolicy() store.QuotaPolicy {
	if s.srv.opts.IgnoreQuota {
		return store.QuotaIgnore
	}
	return store.QuotaStrict
}

// newMessage parses the message once (internal/mime) and describes it
// for the store.
func newMessage(raw []byte, o imap.AppendOptions) (store.NewMessage, error) {
	flags, err := store.CanonicalFlags(o.Flags)
	if err != nil {
		return store.NewMessage{}, bad("Invalid flag in APPEND")
	}
	_, st, sum, err := ingest.Parse(raw)
	if err != nil {
		return store.NewMessage{}, err
	}
	date := o.Time
	if date.IsZero() {
		date = time.Now()
	}
	return store.NewMessage{Flags: flags, InternalDate: date, Structure: st, Summary: sum}, nil
}
