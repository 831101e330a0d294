package server

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/mime"
	"github.com/corvusmail/corvus/internal/mmap"
	"github.com/corvusmail/corvus/internal/store"
)

// errBadURL: a well-formed URL that names nothing this session may read
// here; IMAP: NO [BADURL url] (RFC 4469 §3). As for an unknown mailbox
// elsewhere (RFC 4314 §6), it does not tell a missing mailbox or
// message from one the session may not read.
var errBadURL = errors.New("URL does not resolve")

// urlData hands sink the octets u names: the message, or its section,
// with ";PARTIAL=" applied. The octets are valid only during the call.
func (s *Session) urlData(u *imapURL, sink func([]byte) error) error {
	mbox, uidValidity, release, err := s.urlMailbox(u)
	if err != nil {
		return err
	}
	defer release()
	if u.urlauth || u.uidValidity != 0 && u.uidValidity != uidValidity {
		return errBadURL
	}
	raw, mapped, err := s.messageBytes(mbox, u.uid)
	if err != nil {
		return err
	}
	defer mapped.Close()
	data := raw
	if u.section != nil {
		if data, err = s.urlSection(mbox, u, raw); err != nil {
			return err
		}
	}
	return sink(mime.ApplyPartial(data, u.partial))
}

// urlSection extracts u's section as FETCH BODY[section] would; a part
// the message does not have is a URL that does not resolve.
func (s *Session) urlSection(mbox store.Mailbox, u *imapURL, raw []byte) ([]byte, error) {
	msgs, err := mbox.Fetch(s.ctx, imap.UIDSetNum(u.uid), store.FetchOptions{Structure: true})
	if err != nil {
		return nil, err
	}
	if len(msgs) == 0 {
		return nil, errBadURL
	}
	st, err := structure(msgs[0].Structure, func() ([]byte, error) { return raw, nil })
	if err != nil {
		return nil, err
	}
	data, err := st.Section(raw, u.section)
	if errors.Is(err, mime.ErrNoSuchPart) || errors.Is(err, mime.ErrBadSection) {
		return nil, errBadURL
	}
	return data, err
}

// messageBytes reads a message of any mailbox, mapped when large as
// FETCH does (fetchMsg.bytes); a UID not there is errBadURL.
func (s *Session) messageBytes(mbox store.Mailbox, uid imap.UID) ([]byte, *mmap.File, error) {
	c, err := mbox.Open(s.ctx, uid)
	if errors.Is(err, store.ErrNoMessage) {
		return nil, nil, errBadURL
	}
	if err != nil {
		return nil, nil, err
	}
	defer c.Close()
	if file, ok := c.(store.FileContent); ok && c.Size() >= mapThreshold {
		m, err := mmap.Map(file.File(), c.Size())
		if err != nil {
			return nil, nil, fmt.Errorf("message %d: %w", uid, err)
		}
		return m.Data, m, nil
	}
	buf := make([]byte, c.Size())
	if _, err := c.ReadAt(buf, 0); err != nil && c.Size() > 0 {
		return nil, nil, fmt.Errorf("read message %d: %w", uid, err)
	}
	return buf, nil, nil
}

// urlMailbox opens the URL's mailbox with the r right checked (RFC 4469
// §3: the URL is read as the logged-in user reads) and returns its
// UIDVALIDITY. Without URLAUTH only this server's URLs for the session's
// own user resolve.
func (s *Session) urlMailbox(u *imapURL) (store.Mailbox, uint32, func(), error) {
	if u.mailbox == nil {
		return s.urlSelected()
	}
	if u.absolute && (!strings.EqualFold(u.host, s.srv.opts.ServerName) || u.user != "" && u.user != s.user) {
		return nil, 0, nil, errBadURL
	}
	name, err := s.urlMailboxName(u.mailbox)
	if err != nil {
		return nil, 0, nil, err
	}
	ref, err := s.resolveWire(name)
	if err != nil {
		return nil, 0, nil, badURLFor(err)
	}
	mbox, _, err := s.access(ref, rightRead)
	if err != nil {
		ref.release()
		return nil, 0, nil, badURLFor(err)
	}
	st, err := mbox.Status(s.ctx)
	if err != nil {
		ref.release()
		return nil, 0, nil, err
	}
	return mbox, st.UIDValidity, ref.release, nil
}

// urlSelected is the mailbox of a relative URL: the selected one, whose
// rights are looked at again since they may have changed since SELECT.
func (s *Session) urlSelected() (store.Mailbox, uint32, func(), error) {
	if s.sel == nil {
		return nil, 0, nil, errBadURL
	}
	acl, err := s.sel.mbox.ACL(s.ctx)
	if err != nil {
		return nil, 0, nil, err
	}
	owner := s.sel.owner
	if owner == "" {
		owner = s.user
	}
	if !s.rightsOn(owner, acl).has(rightRead) {
		return nil, 0, nil, errBadURL
	}
	return s.sel.mbox, s.sel.uidValidity, func() {}, nil
}

// urlMailboxName turns the URL's decoded enc-mailbox into a name as a
// command would send it. RFC 5092 §3.2 puts UTF-8 in URLs where RFC 2192
// had modified UTF-7; both are taken: 8-bit names are re-encoded.
func (s *Session) urlMailboxName(name []byte) ([]byte, error) {
	if !utf8.Valid(name) {
		return nil, errBadURL
	}
	for _, c := range name {
		if c >= 0x80 {
			if s.utf8Names() {
				return name, nil
			}
			return []byte(wire.EncodeMailboxUTF7(string(name))), nil
		}
	}
	return name, nil
}

// badURLFor maps the errors of naming and opening a mailbox to
// errBadURL; others (the store failing) stay as they are.
func badURLFor(err error) error {
	switch {
	case errors.Is(err, errBadName), errors.Is(err, store.ErrInvalidName), errors.Is(err, store.ErrNoMailbox),
		errors.Is(err, errNoAccount), errors.Is(err, errNamespaceRoot), errors.Is(err, errNoPerm):
		return errBadURL
	}
	return err
}
