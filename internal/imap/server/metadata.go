package server

import (
	"context"
	"errors"
	"strings"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/store"
)

func init() {
	register(func(r *registry) {
		r.capPost("METADATA", "METADATA-SERVER", "LIST-METADATA")
		r.add("GETMETADATA", authed, (*Session).cmdGetMetadata)
		r.add("SETMETADATA", authed, (*Session).cmdSetMetadata)
	})
}

// metadataTarget is where a METADATA command's mailbox argument points:
// the server (mailbox "", RFC 5464 §3.2) or a mailbox the session may
// use. release is to be called when done.
type metadataTarget struct {
	get     func(ctx context.Context, user string, wanted []string) ([]store.MetadataEntry, error)
	set     func(ctx context.Context, user string, entries []store.MetadataEntry) error
	release func()
}

// metadataTarget resolves the mailbox and checks the rights Cyrus asks
// for: r to read entries and set /private ones, w to set /shared ones
// (shared says so); admins may do all on any mailbox they see.
func (s *Session) metadataTarget(raw []byte, shared bool) (metadataTarget, error) {
	if len(raw) == 0 {
		st := s.srv.opts.Store
		get := func(ctx context.Context, user string, _ []string) ([]store.MetadataEntry, error) {
			return st.ServerMetadata(ctx, user)
		}
		return metadataTarget{get, st.SetServerMetadata, func() {}}, nil
	}
	ref, err := s.resolveWire(raw)
	if err != nil {
		return metadataTarget{}, storeError(err)
	}
	need := rightRead
	switch {
	case s.admin:
		need = rightLookup
	case shared:
		need = rightWrite
	}
	mbox, _, err := s.access(ref, need)
	if err != nil {
		ref.release()
		return metadataTarget{}, storeError(err)
	}
	get := func(ctx context.Context, user string, wanted []string) ([]store.MetadataEntry, error) {
		return mailboxMetadata(ctx, mbox, user, wanted)
	}
	return metadataTarget{get, mbox.SetMetadata, ref.release}, nil
}

// cmdGetMetadata: RFC 5464 §4.2 with MAXSIZE and DEPTH.
func (s *Session) cmdGetMetadata(cmd *wire.Command) error {
	p, err := wire.ParseGetMetadata(cmd.Decoder())
	if err != nil {
		return err
	}
	target, err := s.metadataTarget(p.Mailbox, false)
	if err != nil {
		return err
	}
	defer target.release()
	all, err := target.get(s.ctx, s.user, p.Entries)
	if err != nil {
		return storeError(err)
	}
	var out []wire.MetadataValue
	var longest int64
	for _, e := range all {
		if !metadataWanted(e.Name, p.Entries, p.Depth) {
			continue
		}
		if p.MaxSize > 0 && int64(len(e.Value)) > p.MaxSize {
			longest = max(longest, int64(len(e.Value)))
			continue
		}
		out = append(out, wire.MetadataValue{Entry: e.Name, Value: e.Value})
	}
	if len(out) > 0 {
		s.w.Metadata(string(p.Mailbox), out)
	}
	if longest > 0 { // RFC 5464 §4.2.1
		return ok(wire.MetadataLongEntriesCode(longest), "GETMETADATA completed")
	}
	return nil
}

// metadataWanted reports whether a stored entry answers one of the
// requested entries at the given depth (RFC 5464 §4.2.2).
func metadataWanted(name string, wanted []string, depth int) bool {
	for _, w := range wanted {
		w = strings.ToLower(w)
		if name == w {
			return true
		}
		rest, below := strings.CutPrefix(name, w+"/")
		if below && (depth < 0 || (depth == 1 && !strings.Contains(rest, "/"))) {
			return true
		}
	}
	return false
}

// cmdSetMetadata: RFC 5464 §4.3. Server /shared entries are the admins'.
func (s *Session) cmdSetMetadata(cmd *wire.Command) error {
	p, err := wire.ParseSetMetadata(cmd.Decoder())
	if err != nil {
		return err
	}
	entries := make([]store.MetadataEntry, len(p.Values))
	shared := false
	for i, v := range p.Values {
		name, err := store.CanonicalMetadataEntry(v.Entry)
		if err != nil {
			return bad("Invalid metadata entry " + v.Entry)
		}
		if err := checkCyrusSet(name, v.Value, len(p.Mailbox) == 0); err != nil {
			return err
		}
		if len(p.Mailbox) == 0 && !store.IsPrivateMetadata(name) && !s.admin {
			return no(imap.ResponseCodeNoPerm, "Only administrators set server /shared entries")
		}
		entries[i] = store.MetadataEntry{Name: name, Value: v.Value}
		shared = shared || !store.IsPrivateMetadata(name)
	}
	target, err := s.metadataTarget(p.Mailbox, shared)
	if err != nil {
		return err
	}
	defer target.release()
	if err := target.set(s.ctx, s.user, entries); err != nil {
		if errors.Is(err, store.ErrInvalidName) {
			return bad("Invalid metadata entry")
		}
		return storeError(err)
	}
	return nil
}

// listMetadata is LIST-METADATA (RFC 9590): after a mailbox's LIST
// response, its values of the entries asked for, as GETMETADATA with
// DEPTH 0 would give them; nothing when it has none. The caller checks
// the r right.
// owner is the user whose account holds the mailbox, "" for the
// session's own.
func (s *Session) listMetadata(owner, name, wireName string, wanted []string) error {
	acct := s.acct
	if owner != "" {
		a, err := s.srv.opts.Store.Open(s.ctx, owner)
		if err != nil {
			return nil // gone since the listing: nothing to add
		}
		defer a.Close()
		acct = a
	}
	mbox, err := acct.Mailbox(s.ctx, name)
	if err != nil {
		return storeError(err)
	}
	all, err := mailboxMetadata(s.ctx, mbox, s.user, wanted)
	if err != nil {
		return storeError(err)
	}
	var out []wire.MetadataValue
	for _, e := range all {
		if metadataWanted(e.Name, wanted, 0) {
			out = append(out, wire.MetadataValue{Entry: e.Name, Value: e.Value})
		}
	}
	if len(out) > 0 {
		s.w.Metadata(wireName, out)
	}
	return nil
}
