package server

import (
	"errors"
	"fmt"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/store"
)

// selected is the state of the Selected state (RFC 9051 §3.3).
type selected struct {
	mbox        store.Mailbox
	name        string // store name
	readOnly    bool
	uidValidity uint32
	view        *seqView
	// modSeq is the highest modseq the client has been told about; the
	// next update asks the store for changes after it.
	modSeq uint64
	// flags caches the flags the client was last told, per UID, so an
	// update can tell a flag change from a new message.
	flags map[imap.UID][]imap.Flag
	// recent holds the messages that are \Recent in this session.
	recent map[imap.UID]bool
	// owner is the user whose account holds the mailbox when it is not
	// the session's own ("" otherwise); acct is that account, held open
	// while the mailbox is selected.
	owner string
	acct  store.Account
	// lacks are the rights (RFC 4314) the session does not hold on the
	// mailbox; the zero value holds them all.
	lacks rights
	// numbers caches, per numeric sort key, the values of the messages
	// up to the highest UID asked for, ascending (see sortNumbers).
	numbers map[store.SummaryParts][]store.SortNumber
}

// may reports whether the session holds every right of r on the
// selected mailbox.
func (sel *selected) may(r rights) bool { return sel.lacks&r == 0 }

// selUser is the user whose account holds the selected mailbox: the
// key idled watches it under.
func (s *Session) selUser() string {
	if s.sel != nil && s.sel.owner != "" {
		return s.sel.owner
	}
	return s.user
}

func (s *Session) unselect() {
	if s.sel != nil && s.sel.acct != nil {
		s.sel.acct.Close()
	}
	s.sel = nil
	s.searchRes = nil
	if s.state == stateSelected {
		s.state = stateAuth
	}
}

// update reports what changed in the selected mailbox since the client
// was last told: new messages (EXISTS), flag changes (FETCH) and, when
// allowed, expunges (RFC 9051 §7.5.1 forbids EXPUNGE during FETCH, STORE
// and SEARCH; those keep them pending in the seqView).
func (s *Session) update(allowExpunge bool) error {
	sel := s.sel
	if sel == nil {
		return nil
	}
	ch, err := sel.mbox.Changes(s.ctx, sel.modSeq)
	if errors.Is(err, store.ErrChangesPruned) {
		ch, err = s.changesFromView()
	}
	if errors.Is(err, store.ErrNoMailbox) {
		s.w.Status("", imap.StatusResponseTypeBye, noCode, "Selected mailbox was deleted")
		s.done = true
		return errAnswered
	}
	if err != nil {
		return fmt.Errorf("changes of %q: %w", sel.name, err)
	}
	return s.announce(ch, allowExpunge)
}

// announce tells the client about ch: EXPUNGE (if allowed), EXISTS and
// RECENT for new messages, FETCH for flags it has not seen.
func (s *Session) announce(ch store.Changes, allowExpunge bool) error {
	sel := s.sel
	sel.view.markExpunged(ch.Expunged...)
	added := 0
	var changed []store.MessageFlags
	for _, m := range ch.Messages {
		known, told := sel.flags[m.UID]
		n := sel.view.add(m.UID)
		added += n
		if n == 0 && sel.view.seq(m.UID) != 0 && (!told || !sameFlags(known, m.Flags)) {
			changed = append(changed, m)
		}
		sel.flags[m.UID] = m.Flags
	}
	for _, u := range ch.Expunged {
		delete(sel.flags, u)
	}
	if allowExpunge {
		seqs, uids := sel.view.flushUIDs()
		if s.qresync() && len(uids) > 0 {
			s.w.Vanished(uidSet(uids), false) // RFC 7162 §3.2.10
		} else {
			for _, seq := range seqs {
				s.w.Expunge(seq)
			}
		}
	}
	if added > 0 {
		s.w.Exists(sel.view.count())
		// The client hears of the new messages before \Recent is claimed:
		// the claim may be a write transaction with its fsync, queued
		// behind the other sessions woken by the same delivery, and
		// RECENT can follow in a later packet.
		if err := s.w.Flush(); err != nil {
			return err
		}
		if err := s.claimRecent(0); err != nil {
			return fmt.Errorf("claim recent: %w", err)
		}
		if !s.enabled[imap.CapIMAP4rev2] {
			s.w.Recent(s.recentCount())
		}
	}
	for _, m := range changed {
		if sel.view.isExpunged(m.UID) {
			continue
		}
		f := s.w.Fetch(sel.view.seq(m.UID))
		f.UID(m.UID)
		f.Flags(s.flagsOut(m.UID, m.Flags))
		if s.condStore() {
			f.ModSeq(m.ModSeq) // RFC 7162 §3.1.4.1
		}
		f.Close()
	}
	if ch.HighestModSeq > sel.modSeq {
		sel.modSeq = ch.HighestModSeq
	}
	return nil
}

// sameFlags compares two flag lists as the store returns them (system
// flags in a fixed order, then keywords).
func sameFlags(a, b []imap.Flag) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// changesFromView rebuilds Changes by comparing a fresh snapshot with the
// client's view, for when the store's change log no longer reaches back
// to the modseq the client last saw.
func (s *Session) changesFromView() (store.Changes, error) {
	sel := s.sel
	view, err := sel.mbox.View(s.ctx)
	if err != nil {
		return store.Changes{}, err
	}
	ch := store.Changes{HighestModSeq: view.Status.HighestModSeq}
	present := make(map[imap.UID]bool, len(view.Messages))
	for _, m := range view.Messages {
		present[m.UID] = true
		if known, ok := sel.flags[m.UID]; !ok || !sameFlags(known, m.Flags) {
			ch.Messages = append(ch.Messages, m)
		}
	}
	for _, u := range sel.view.uids {
		if !present[u] {
			ch.Expunged = append(ch.Expunged, u)
		}
	}
	return ch, nil
}
