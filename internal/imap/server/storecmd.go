package server

import (
	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/store"
)

func init() {
	register(func(r *registry) {
		r.add("STORE", selectedS, (*Session).cmdStore)
		r.addUID("STORE", (*Session).cmdStore)
	})
}

// cmdStore: RFC 9051 §6.4.6. Every message in the set gets a FETCH FLAGS
// response unless .SILENT; the FETCH includes UID under UID STORE.
func (s *Session) cmdStore(cmd *wire.Command) error {
	p, err := wire.ParseStore(cmd.Decoder())
	if err != nil {
		return err
	}
	if p.HasUnchangedSince {
		s.enableCondStore()
	}
	if s.sel.readOnly {
		if s.sel.lacks&flagRights == flagRights {
			return noPerm() // as Cyrus: read-only for want of rights
		}
		return no(imap.ResponseCodeCannot, "Mailbox is read-only")
	}
	flags, err := store.CanonicalFlags(p.Flags.Flags)
	if err != nil {
		return bad("Invalid flag")
	}
	if flags, err = s.allowedFlags(p.Flags.Op, flags); err != nil {
		return err
	}
	uids := s.targets(p.NumSet)
	if len(uids) == 0 {
		return s.update(false)
	}
	req := store.StoreRequest{Op: p.Flags.Op, Flags: flags,
		Conditional: p.HasUnchangedSince, UnchangedSince: p.UnchangedSince}
	var res store.StoreResult
	if req.Op == imap.StoreFlagsSet && s.sel.lacks&flagRights != 0 {
		res, err = s.replaceKeeping(uids, req)
	} else {
		res, err = s.sel.mbox.StoreFlags(s.ctx, uidSet(uids), req)
	}
	if err != nil {
		return storeError(err)
	}
	// Our own change must not come back as an unsolicited FETCH: the
	// flags cache records what the client now knows.
	for _, m := range res.Updated {
		s.sel.flags[m.UID] = m.Flags
	}
	if !p.Flags.Silent {
		for _, list := range [][]store.MessageFlags{res.Updated, res.Unchanged} {
			s.storeResponses(list, cmd.UID)
		}
	}
	if err := s.update(false); err != nil {
		return err
	}
	if len(res.Failed) > 0 {
		// RFC 7162 §3.1.3: the messages UNCHANGEDSINCE refused.
		return ok(wire.ModifiedCode(s.modifiedSet(res.Failed, cmd.UID)), "Conditional STORE failed")
	}
	return nil
}

// modifiedSet is MODIFIED's set: UIDs under UID STORE, else sequence
// numbers.
func (s *Session) modifiedSet(uids []imap.UID, uid bool) imap.NumSet {
	if uid {
		return uidSet(uids)
	}
	var set imap.SeqSet
	for _, u := range uids {
		if n := s.sel.view.seq(u); n != 0 {
			set.AddNum(n)
		}
	}
	return set
}

func (s *Session) storeResponses(list []store.MessageFlags, uid bool) {
	for _, m := range list {
		seq := s.sel.view.seq(m.UID)
		if seq == 0 {
			continue
		}
		f := s.w.Fetch(seq)
		if uid {
			f.UID(m.UID)
		}
		f.Flags(s.flagsOut(m.UID, m.Flags))
		if s.condStore() {
			f.ModSeq(m.ModSeq)
		}
		f.Close()
	}
}
