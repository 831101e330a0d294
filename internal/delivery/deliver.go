package delivery

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/store"
)

// Result is the outcome for one Target.
type Result struct {
	Target Target
	// Mailbox is the store mailbox chosen for the message: where it went,
	// where a Duplicate already was, or where delivery failed. It is ""
	// when the failure came before a mailbox was chosen.
	Mailbox     string
	MailboxID   string
	UIDValidity uint32
	UID         imap.UID // 0 for a Duplicate
	// Duplicate: the message was delivered to Mailbox before, so it was
	// not stored again. The delivery still counts as a success, as Cyrus
	// answers 250.
	Duplicate bool
	// Err wraps one of the package's sentinels; see the package
	// documentation for the LMTP replies.
	Err error
}

// batch is the store.Deliver call being built: the recipients, and for
// each one the index of its Target.
type batch struct {
	rcpts []store.Recipient
	idx   []int
}

// Deliver delivers msg once to every target. It returns one Result per
// target, in the same order. The bytes are written once for all the
// targets. A failure that concerns one target, such as over quota or an
// unknown user, does not affect the others.
func (d *Deliverer) Deliver(ctx context.Context, msg Message, targets []Target) []Result {
	out := make([]Result, len(targets))
	for i, t := range targets {
		out[i].Target = t
	}
	if len(targets) == 0 {
		return out
	}
	p, err := parseMessage(msg)
	if err != nil {
		for i := range out {
			out[i].Err = fmt.Errorf("%w: %w", ErrTemporary, err)
		}
		return out
	}
	defer p.close()
	b := d.plan(ctx, p, msg, out)
	retry := d.deliverBatch(ctx, p, b, out)
	if len(retry.rcpts) > 0 {
		// The +detail folder was deleted after it was chosen: INBOX, as if
		// it had never existed.
		d.deliverBatch(ctx, p, retry, out)
	}
	d.notify(ctx, p, msg, out)
	return out
}

// plan opens (or autocreates) each user's account once, chooses the
// mailbox of each target, and returns the recipients for the store. Any
// target that fails here gets its error in out. The accounts are closed
// again before the store call.
func (d *Deliverer) plan(ctx context.Context, p *parsed, msg Message, out []Result) batch {
	accounts := map[string]store.Account{}
	failed := map[string]error{}
	defer func() {
		for _, a := range accounts {
			a.Close()
		}
	}()
	var b batch
	for i := range out {
		t := out[i].Target
		a, err := accounts[t.User], failed[t.User]
		if a == nil && err == nil {
			if a, err = d.account(ctx, t); err == nil {
				accounts[t.User] = a
			} else {
				failed[t.User] = err
			}
		}
		var mbox string
		if err == nil {
			mbox, err = chooseMailbox(ctx, a, t, msg.AuthUser)
		}
		if err != nil {
			out[i].Err = fmt.Errorf("deliver to %q: %w", t.User, classify(err))
			continue
		}
		b.add(i, d.recipient(t, mbox, p, msg))
	}
	return b
}

// recipient builds the store's recipient for target t and mailbox mbox.
func (d *Deliverer) recipient(t Target, mbox string, p *parsed, msg Message) store.Recipient {
	r := store.Recipient{User: t.User, Mailbox: mbox, Quota: d.policy(msg.IgnoreQuota || t.IgnoreQuota)}
	if d.opt.DuplicateSuppression {
		r.DuplicateID = p.dupID
	}
	return r
}

func (b *batch) add(i int, r store.Recipient) {
	b.rcpts = append(b.rcpts, r)
	b.idx = append(b.idx, i)
}

// deliverBatch makes one store.Deliver call for the batch and fills in the
// results. It returns the recipients whose +detail folder vanished
// meanwhile, redirected to INBOX for another call.
func (d *Deliverer) deliverBatch(ctx context.Context, p *parsed, b batch, out []Result) batch {
	if len(b.rcpts) == 0 {
		return batch{}
	}
	res, err := d.opt.Store.Deliver(ctx, bytes.NewReader(p.raw), p.nm, b.rcpts)
	if err == nil && len(res) != len(b.rcpts) {
		err = fmt.Errorf("store answered %d of %d recipients", len(res), len(b.rcpts))
	}
	var retry batch
	for k, i := range b.idx {
		r := &out[i]
		if err != nil {
			r.Err = fmt.Errorf("deliver to %q: %w", r.Target.User, classify(err))
			continue
		}
		dl, rc := res[k], b.rcpts[k]
		if rc.Mailbox != "" && errors.Is(dl.Err, store.ErrNoMailbox) {
			rc.Mailbox = ""
			retry.add(i, rc)
			continue
		}
		r.Mailbox = rc.Mailbox
		if r.Mailbox == "" {
			r.Mailbox = store.Inbox
		}
		r.MailboxID, r.UIDValidity, r.UID, r.Duplicate = dl.MailboxID, dl.UIDValidity, dl.UID, dl.Duplicate
		if dl.Err != nil {
			r.Err = fmt.Errorf("deliver to %q: %w", r.Target.User, classify(dl.Err))
		}
	}
	return retry
}

// notify logs each message stored and tells the Notifier. This runs
// after every store call has returned.
func (d *Deliverer) notify(ctx context.Context, p *parsed, msg Message, out []Result) {
	for _, r := range out {
		if r.Err != nil {
			continue
		}
		d.opt.Log.Info().Str("user", r.Target.User).Str("mailbox", r.Mailbox).
			Uint32("uid", uint32(r.UID)).Str("msgid", p.dupID).Bool("duplicate", r.Duplicate).
			Msg("delivered")
		if r.Duplicate || d.opt.Notifier == nil {
			continue
		}
		d.opt.Notifier.Delivered(ctx, DeliveredEvent{
			User: r.Target.User, Mailbox: r.Mailbox, MailboxID: r.MailboxID,
			UIDValidity: r.UIDValidity, UID: r.UID, Size: int64(len(p.raw)),
			EnvelopeFrom: msg.EnvelopeFrom, From: p.from, Subject: p.nm.Summary.Subject,
			MessageID: p.dupID,
		})
	}
}
