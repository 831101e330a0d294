package server

import (
	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/store"
)

// \Recent (RFC 3501 §2.3.2), kept for IMAP4rev1 clients: a message is
// recent in the one session that first sees it in a read-write SELECT.
// The store keeps the mark (Mailbox.ClaimRecent); IMAP4rev2 dropped the
// flag, so a session that enabled IMAP4rev2 never sees it.

// flagRecent is the session flag \Recent (RFC 3501 §2.3.2).
const flagRecent = imap.Flag(`\Recent`)

// isRecentFlag reports whether f names \Recent, in any case.
func isRecentFlag(f imap.Flag) bool { return store.KeywordKey(f) == store.KeywordKey(flagRecent) }

// claimRecent marks the messages above the store's recent mark as recent
// for this session and moves the mark. EXAMINE only looks: the highest
// Status.Recent messages are recent without claiming (RFC 3501 §6.3.2).
// Another user's mailbox is only looked at too: the store keeps one
// recent mark per mailbox, its owner's (Cyrus keeps one per user).
func (s *Session) claimRecent(statusRecent uint32) error {
	sel := s.sel
	if sel.readOnly || sel.owner != "" {
		uids := sel.view.uids
		for i := len(uids) - int(statusRecent); i >= 0 && i < len(uids); i++ {
			sel.recent[uids[i]] = true
		}
		return nil
	}
	mark, err := sel.mbox.ClaimRecent(s.ctx)
	if err != nil {
		return err
	}
	for _, u := range sel.view.uids {
		if u > mark {
			sel.recent[u] = true
		}
	}
	return nil
}

// recentCount is the RECENT number.
func (s *Session) recentCount() uint32 {
	n := uint32(0)
	for u := range s.sel.recent {
		if s.sel.view.seq(u) != 0 {
			n++
		}
	}
	return n
}

// flagsOut returns the flags to send for uid: the stored ones plus
// \Recent where it applies.
func (s *Session) flagsOut(uid imap.UID, flags []imap.Flag) []imap.Flag {
	if s.sel == nil || !s.sel.recent[uid] || s.enabled[imap.CapIMAP4rev2] {
		return flags
	}
	return append(append([]imap.Flag(nil), flags...), flagRecent)
}
