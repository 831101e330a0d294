package sqlite

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/corvusmail/corvus/internal/store"
)

// group is the recipients of one user in a delivery: one transaction, one
// file, one contents row shared by all of them.
type group struct {
	user string
	idx  []int // indexes into the recipients
	e    *entry
	err  error // opening the account failed
	file spooled
	used bool // a committed row refers to file
}

// Deliver implements store.Store. The message is written and fsync'd once,
// into the first recipient's directory, and hard-linked into the others'
// (Cyrus's single-instance store); then each user's recipients are stored
// in one transaction of that user. Every recipient gets its own answer.
func (s *Store) Deliver(ctx context.Context, body io.Reader, msg store.NewMessage, rcpts []store.Recipient) ([]store.Delivery, error) {
	if _, err := store.CanonicalFlags(msg.Flags); err != nil {
		return nil, err
	}
	out := make([]store.Delivery, len(rcpts))
	groups := s.groupRecipients(ctx, rcpts, out)
	defer func() {
		for _, g := range groups {
			if g.e != nil {
				s.release(g.e)
			}
		}
	}()
	if err := spoolGroups(groups, body, out); err != nil {
		return nil, err
	}
	for _, g := range groups {
		if g.file.path != "" {
			s.deliverGroup(ctx, g, &msg, rcpts, out)
		}
	}
	for _, g := range groups {
		if g.file.path != "" && !g.used {
			removeSpooled([]spooled{g.file})
		}
	}
	return out, nil
}

// groupRecipients groups recipients by user, in order of first appearance,
// and opens each user's account; unknown users get ErrNoUser.
func (s *Store) groupRecipients(ctx context.Context, rcpts []store.Recipient, out []store.Delivery) []*group {
	var groups []*group
	byUser := make(map[string]*group)
	for i, r := range rcpts {
		g := byUser[r.User]
		if g == nil {
			g = &group{user: r.User}
			byUser[r.User] = g
			groups = append(groups, g)
			g.e, g.err = s.acquire(ctx, r.User, false)
		}
		if g.err != nil {
			out[i].Err = fmt.Errorf("deliver to %q: %w", r.User, g.err)
			continue
		}
		g.idx = append(g.idx, i)
	}
	return groups
}

// spoolGroups writes the body once and links it into every other group's
// directory, then makes the new names durable. Only a failure to read or
// write the body is fatal; a failed link fails that user's recipients.
func spoolGroups(groups []*group, body io.Reader, out []store.Delivery) error {
	var first *group
	var files []spooled
	for _, g := range groups {
		if g.e == nil {
			continue
		}
		var err error
		if first == nil {
			if g.file, err = writeFile(g.e.u.dir, body); err != nil {
				return fmt.Errorf("deliver: %w", err)
			}
			first = g
		} else if g.file, err = linkFile(first.file.path, g.e.u.dir, first.file.size, first.file.guid); err != nil {
			g.fail(out, err)
			g.file = spooled{}
			continue
		}
		files = append(files, g.file)
	}
	if err := syncDirs(files); err != nil {
		removeSpooled(files)
		return fmt.Errorf("deliver: %w", err)
	}
	return nil
}

func (g *group) fail(out []store.Delivery, err error) {
	for _, i := range g.idx {
		out[i] = store.Delivery{Err: fmt.Errorf("deliver to %q: %w", g.user, err)}
	}
}

// deliverGroup stores the message for one user's recipients.
func (s *Store) deliverGroup(ctx context.Context, g *group, msg *store.NewMessage, rcpts []store.Recipient, out []store.Delivery) {
	res := make([]store.Delivery, len(g.idx))
	var used bool
	err := g.e.u.write(ctx, func(w *wtx) error {
		used = false
		var cid int64
		for k, i := range g.idx {
			d, err := w.deliverOne(rcpts[i], g.file, msg, &cid)
			if err != nil {
				return err
			}
			res[k] = d
		}
		used = cid != 0
		return nil
	})
	if err != nil {
		g.fail(out, err)
		g.used = errors.Is(err, errCommitUnknown) // maybe committed: keep the file
		return
	}
	g.used = used
	for k, i := range g.idx {
		out[i] = res[k]
	}
}

// deliverOne stores the message for one recipient. Conditions that concern
// only this recipient come back in Delivery.Err; the error return aborts
// the user's whole transaction.
func (w *wtx) deliverOne(r store.Recipient, sp spooled, msg *store.NewMessage, cid *int64) (store.Delivery, error) {
	name := r.Mailbox
	if name == "" {
		name = store.Inbox
	}
	fail := func(err error) (store.Delivery, error) {
		return store.Delivery{Err: fmt.Errorf("deliver to %q mailbox %q: %w", w.u.user, name, err)}, nil
	}
	name, err := store.CanonicalMailbox(name)
	if err != nil {
		return fail(err)
	}
	m, err := w.mailboxByName(name)
	if errors.Is(err, store.ErrNoMailbox) {
		return fail(err)
	} else if err != nil {
		return store.Delivery{}, err
	}
	key := store.DuplicateKey{ID: r.DuplicateID, Scope: name}
	if r.DuplicateID != "" {
		dup, err := isDuplicate(w.tx, key, w.now.Add(-w.u.s.opts.DuplicateExpiry))
		if err != nil || dup {
			return store.Delivery{Duplicate: dup, MailboxID: m.objectid}, err
		}
	}
	if err := w.checkQuota(r.Quota, 1, sp.size); err != nil {
		return fail(err)
	}
	bits, kw, err := w.canonicalFlags(msg.Flags)
	if err != nil {
		return store.Delivery{}, err
	}
	internal := internalDate(msg.InternalDate, w.now)
	if *cid == 0 {
		if *cid, err = w.addContent(sp, &msg.Summary, msg.Structure, internal); err != nil {
			return store.Delivery{}, err
		}
	}
	uid, err := w.addMessage(m, newRow{content: *cid, size: sp.size, bits: bits, keywords: strings.Join(kw, " "), internal: internal})
	if errors.Is(err, store.ErrMailboxFull) {
		return fail(err)
	} else if err != nil {
		return store.Delivery{}, err
	}
	if r.DuplicateID != "" {
		if err := w.markDuplicate(key, w.now); err != nil {
			return store.Delivery{}, err
		}
	}
	return store.Delivery{UIDValidity: m.uidvalidity, UID: uid, MailboxID: m.objectid}, nil
}
