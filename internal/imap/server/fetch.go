package server

import (
	"errors"
	"fmt"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/mime"
	"github.com/corvusmail/corvus/internal/mmap"
	"github.com/corvusmail/corvus/internal/store"
)

func init() {
	register(func(r *registry) {
		r.capPost(imap.CapBinary, imap.CapObjectID, imap.CapSaveDate)
		r.add("FETCH", selectedS, (*Session).cmdFetch)
		r.addUID("FETCH", (*Session).cmdFetch)
	})
}

// cmdFetch: RFC 9051 §6.4.5 (and §6.4.9 for UID FETCH), BINARY
// (RFC 3516). Structure and summary come from the store; the message
// bytes are read only for body sections.
func (s *Session) cmdFetch(cmd *wire.Command) error {
	p, err := wire.ParseFetch(cmd.Decoder())
	if err != nil {
		return err
	}
	if p.Vanished && !s.qresync() {
		return bad("VANISHED needs QRESYNC enabled") // RFC 7162 §3.2.6
	}
	if p.Options.ChangedSince != 0 {
		p.Options.ModSeq = true // RFC 7162 §3.1.4.1
	}
	if p.Options.ModSeq {
		s.enableCondStore()
	}
	if p.Vanished {
		if err := s.fetchVanished(p.NumSet, p.Options.ChangedSince); err != nil {
			return err
		}
	}
	uids := s.targets(p.NumSet)
	if cmd.UID {
		p.Options.UID = true
	}
	if s.setsSeen(p) && len(uids) > 0 {
		if _, err := s.sel.mbox.StoreFlags(s.ctx, uidSet(uids), store.StoreRequest{
			Op: imap.StoreFlagsAdd, Flags: []imap.Flag{imap.FlagSeen}}); err != nil {
			return storeError(err)
		}
		p.Options.Flags = true // RFC 9051 §6.4.5: report the \Seen change
	}
	if len(uids) == 0 {
		return s.update(false)
	}
	msgs, err := s.sel.mbox.Fetch(s.ctx, uidSet(uids), store.FetchOptions{
		Structure: needsStructure(p), ChangedSince: p.Options.ChangedSince})
	if err != nil {
		return storeError(err)
	}
	for i := range msgs {
		if err := s.fetchOne(p, &msgs[i]); err != nil {
			return err
		}
	}
	return s.update(false)
}

// setsSeen reports whether the FETCH implicitly sets \Seen: a non-PEEK
// BODY[] or BINARY[] or RFC822/RFC822.TEXT on a read-write mailbox, and
// as Cyrus only for a session holding the s right (RFC 4314 §4).
func (s *Session) setsSeen(p *wire.Fetch) bool {
	if s.sel.readOnly || !s.sel.may(rightSeen) {
		return false
	}
	for _, b := range p.Options.BodySection {
		if !b.Peek {
			return true
		}
	}
	for _, b := range p.Options.BinarySection {
		if !b.Peek {
			return true
		}
	}
	return p.RFC822 || p.RFC822Text
}

func needsStructure(p *wire.Fetch) bool {
	o := p.Options
	return o.Envelope || o.BodyStructure != nil || len(o.BodySection) > 0 || p.Preview ||
		len(o.BinarySection) > 0 || len(o.BinarySectionSize) > 0 || p.RFC822Header || p.RFC822Text
}

// fetchMsg holds one message's data while its FETCH response is written.
type fetchMsg struct {
	s      *Session
	m      *store.Message
	raw    []byte
	mapped *mmap.File // raw's mapping, when the store gave a file
	st     *mime.Structure
}

// mapThreshold is the size from which a message is mapped rather than
// read: below it a read is cheaper than mmap and munmap (which stops every
// thread of the process to flush its TLB), and the copy is small.
const mapThreshold = 64 << 10

// bytes returns the message's octets: mapped from its file when the store
// keeps one and it is large (no copy on the heap), else read. release
// ends their use.
func (f *fetchMsg) bytes() ([]byte, error) {
	if f.raw != nil {
		return f.raw, nil
	}
	c, err := f.s.sel.mbox.Open(f.s.ctx, f.m.UID)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	if file, ok := c.(store.FileContent); ok && c.Size() >= mapThreshold {
		m, err := mmap.Map(file.File(), c.Size())
		if err != nil {
			return nil, fmt.Errorf("message %d: %w", f.m.UID, err)
		}
		f.mapped, f.raw = m, m.Data
		return f.raw, nil
	}
	buf := make([]byte, c.Size())
	if _, err := c.ReadAt(buf, 0); err != nil && c.Size() > 0 {
		return nil, fmt.Errorf("read message %d: %w", f.m.UID, err)
	}
	f.raw = buf
	return buf, nil
}

// release drops the message's octets once its response is written (the
// writer copies small values and sends large literals before returning).
func (f *fetchMsg) release() {
	f.mapped.Close()
	f.mapped, f.raw = nil, nil
}

func (f *fetchMsg) structure() (*mime.Structure, error) {
	if f.st == nil {
		st, err := structure(f.m.Structure, f.bytes)
		if err != nil {
			return nil, err
		}
		f.st = st
	}
	return f.st, nil
}

// fetchOne writes one "* n FETCH (...)" response.
func (s *Session) fetchOne(p *wire.Fetch, m *store.Message) error {
	seq := s.sel.view.seq(m.UID)
	if seq == 0 {
		return nil
	}
	fm := &fetchMsg{s: s, m: m}
	defer fm.release()
	// Gather everything that can fail before the response starts, so an
	// error never leaves half a FETCH on the wire.
	sections, err := fm.sections(p)
	if errors.Is(err, store.ErrNoMessage) {
		return nil // expunged meanwhile: RFC 9051 §6.4.5 lets us skip it
	}
	if err != nil {
		return err
	}
	previewText := ""
	if p.Preview {
		if previewText, err = fm.preview(); err != nil {
			return err
		}
	}
	w := s.w.Fetch(seq)
	o := p.Options
	if o.UID {
		w.UID(m.UID)
	}
	if o.Flags {
		w.Flags(s.flagsOut(m.UID, m.Flags))
		s.sel.flags[m.UID] = m.Flags
	}
	if o.ModSeq || (o.Flags && s.condStore()) {
		w.ModSeq(m.ModSeq) // RFC 7162 §3.1.4.1 / §3.1.3
	}
	if o.InternalDate {
		w.InternalDate(m.InternalDate)
	}
	if o.RFC822Size {
		w.RFC822Size(m.Size)
	}
	if p.SaveDate {
		w.SaveDate(m.SaveDate) // RFC 8514
	}
	if p.EmailID {
		w.EmailID(store.EmailID(m.GUID)) // RFC 8474 §5.1
	}
	if p.ThreadID {
		w.ThreadID("") // RFC 8474 §5.2: NIL, as Cyrus without conversations
	}
	if o.Envelope {
		w.EnvelopeWithDate(fm.st.Envelope(), fm.st.EnvelopeDate())
	}
	if p.Body {
		w.BodyStructure(fm.st.BodyStructure(false), false)
	}
	if o.BodyStructure != nil && o.BodyStructure.Extended {
		w.BodyStructure(fm.st.BodyStructure(true), true)
	}
	for _, sec := range sections {
		sec(w)
	}
	if p.Preview {
		w.Preview(previewText, false) // computed now, so for LAZY too (RFC 8970 §3.2)
	}
	w.Close()
	return nil
}
