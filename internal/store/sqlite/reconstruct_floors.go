package sqlite

import (
	"context"
	"errors"
	"fmt"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

// fixFloors makes sure nothing that identifies a message or a change can
// be handed out twice: each mailbox's UIDNEXT above every UID it used
// (messages and expunge tombstones, RFC 9051 §2.3.1.1) and its
// HIGHESTMODSEQ at least its highest message modseq (RFC 7162 §3.1.1);
// the account's modseq counter and last UIDVALIDITY at least anything
// recorded. Then INBOX is created if it is missing.
func (r *recon) fixFloors(ctx context.Context) error {
	return r.write(ctx, func(w *wtx) error {
		used, err := usedPerMailbox(w)
		if err != nil {
			return err
		}
		ids, err := w.mailboxIDs()
		if err != nil {
			return err
		}
		var modseq, uv uint64
		for _, id := range ids {
			m, err := w.mailbox(id)
			if err != nil {
				return err
			}
			r.raiseMailbox(m, used[id])
			modseq = max(modseq, m.highestmodseq, m.createdmodseq)
			uv = max(uv, uint64(m.uidvalidity))
		}
		var ev *int64
		if err := w.row("SELECT max(modseq) FROM events", nil, &ev); err != nil {
			return err
		}
		if ev != nil {
			modseq = max(modseq, uint64(*ev))
		}
		r.raiseAccount(w, modseq, int64(uv))
		return r.ensureInbox(w)
	})
}

// usage is the highest UID and modseq a mailbox's rows use.
type usage struct {
	uid    int64
	modseq uint64
}

// usedPerMailbox reads the highest UID and modseq of every mailbox's
// messages and tombstones.
func usedPerMailbox(w *wtx) (map[int64]usage, error) {
	rows, err := w.query(`SELECT mailbox, max(uid), max(modseq) FROM
		(SELECT mailbox, uid, modseq FROM messages UNION ALL SELECT mailbox, uid, modseq FROM expunged)
		GROUP BY mailbox`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[int64]usage)
	for rows.Next() {
		var id int64
		var u usage
		if err := rows.Scan(&id, &u.uid, &u.modseq); err != nil {
			return nil, err
		}
		out[id] = u
	}
	return out, rows.Err()
}

// raiseMailbox lifts a mailbox's UIDNEXT and HIGHESTMODSEQ above what its
// rows use.
func (r *recon) raiseMailbox(m *mboxRow, u usage) {
	if m.uidnext <= u.uid {
		r.fix(store.Fix{Kind: store.FixUIDNext, Mailbox: m.name, UID: imap.UID(u.uid),
			Detail: fmt.Sprintf("UIDNEXT %d raised to %d", m.uidnext, u.uid+1)})
		m.uidnext = u.uid + 1
	}
	if m.highestmodseq < u.modseq {
		r.fix(store.Fix{Kind: store.FixModSeq, Mailbox: m.name,
			Detail: fmt.Sprintf("HIGHESTMODSEQ %d raised to %d", m.highestmodseq, u.modseq)})
		m.highestmodseq = u.modseq
	}
}

// raiseAccount lifts the account's modseq counter and last UIDVALIDITY to
// at least the highest values its mailboxes and events show.
func (r *recon) raiseAccount(w *wtx, modseq uint64, uv int64) {
	if w.acct.modseq < modseq {
		r.fix(store.Fix{Kind: store.FixModSeq,
			Detail: fmt.Sprintf("account modseq %d raised to %d", w.acct.modseq, modseq)})
		w.acct.modseq = modseq
	}
	if w.acct.uidvalidity < uv {
		r.fix(store.Fix{Kind: store.FixUIDValidity,
			Detail: fmt.Sprintf("last UIDVALIDITY %d raised to %d", w.acct.uidvalidity, uv)})
		w.acct.uidvalidity = uv
	}
}

// ensureInbox creates INBOX if the account has none, with the owner's
// rights, as a new account gets it.
func (r *recon) ensureInbox(w *wtx) error {
	_, err := w.mailboxByName(store.Inbox)
	if !errors.Is(err, store.ErrNoMailbox) {
		return err
	}
	m, err := w.createMailbox(store.Inbox, nil, store.ACL{imapIdentifier(r.user): store.OwnerRights})
	if err != nil {
		return err
	}
	r.fix(store.Fix{Kind: store.FixInbox, Mailbox: store.Inbox, Detail: fmt.Sprintf("created with UIDVALIDITY %d", m.uidvalidity)})
	return nil
}
