package migrate

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/ingest"
	"github.com/corvusmail/corvus/internal/store"
)

// boxSync is the copy of one mailbox of one user.
type boxSync struct {
	*userSync
	box srcMailbox
	sel *imap.SelectData
	acl store.ACL // the source's; nil if it could not be read
}

// syncMailbox makes the target mailbox equal to the source's.
func (u *userSync) syncMailbox(ctx context.Context, box srcMailbox) error {
	sel, err := u.src.examine(box.Name)
	if err != nil {
		return err
	}
	b := &boxSync{userSync: u, box: box, sel: sel, acl: u.sourceACL(box.Name)}
	if u.cfg.DryRun {
		return b.dryRun(ctx)
	}
	tgt, err := b.target(ctx)
	if err != nil {
		return err
	}
	view, err := tgt.View(ctx)
	if err != nil {
		return err
	}
	if err := b.syncMetadata(ctx, tgt, view.Status); err != nil {
		return err
	}
	if b.unchanged(view.Status) {
		u.rep.Unchanged++
		return nil
	}
	p, err := b.plan(view)
	if err != nil {
		return err
	}
	if err := b.apply(ctx, tgt, p); err != nil {
		return err
	}
	return b.finish(ctx, tgt)
}

// target opens or creates the target mailbox with the source's
// UIDVALIDITY; if the source's changed (the mailbox was recreated
// there), the target's is recopied from scratch, as a client would have
// to.
func (b *boxSync) target(ctx context.Context) (store.ImportTarget, error) {
	opts := store.ImportOptions{Create: store.CreateOptions{SpecialUse: b.box.SpecialUse, ACL: b.acl}}
	// INBOX of a new account exists, empty, with Corvus's UIDVALIDITY:
	// taking the source's makes it the migrated one, and it counts as
	// created unless an earlier run copied it (it is in the state file)
	// or it ever held mail. Comparing UIDVALIDITYs instead would be
	// fooled when both servers made their INBOX in the same second.
	st, existed := b.existing[b.box.Store]
	_, copiedBefore := b.cfg.State.Get(b.cfg.Host, b.user, b.box.Store)
	existed = existed && (copiedBefore || st.UIDNext > 1)
	if err := b.noteGrants(ctx); err != nil {
		return nil, err
	}
	tgt, err := b.imp.ImportMailbox(ctx, b.box.Store, b.sel.UIDValidity, opts)
	if errors.Is(err, store.ErrUIDValidity) {
		b.rep.Warnf("%s: UIDVALIDITY changed at the source (%v): recopying the mailbox", b.box.Name, err)
		b.rep.Recopied++
		b.cfg.State.Forget(b.cfg.Host, b.user, b.box.Store)
		opts.Replace = true
		return b.imp.ImportMailbox(ctx, b.box.Store, b.sel.UIDValidity, opts)
	}
	if err == nil && !existed {
		b.rep.Created++
	}
	return tgt, err
}

// unchanged reports whether the state file says that neither side
// changed since the last complete sync. Without CONDSTORE at the source
// a flag change would go unseen, so there is no shortcut then.
func (b *boxSync) unchanged(st store.Status) bool {
	prev, ok := b.cfg.State.Get(b.cfg.Host, b.user, b.box.Store)
	return ok && b.sel.HighestModSeq != 0 && prev == b.current(st.HighestModSeq)
}

// current is the state to remember for the mailbox.
func (b *boxSync) current(targetModSeq uint64) MailboxState {
	return MailboxState{UIDValidity: b.sel.UIDValidity, UIDNext: uint32(b.sel.UIDNext),
		HighestModSeq: b.sel.HighestModSeq, Messages: b.sel.NumMessages, TargetModSeq: targetModSeq}
}

// plan lists the source's messages and compares them with view.
func (b *boxSync) plan(view store.View) (plan, error) {
	var msgs []srcMessage
	if b.sel.NumMessages > 0 {
		var dropped []imap.Flag
		var err error
		if msgs, dropped, err = b.src.listMessages(); err != nil {
			return plan{}, err
		}
		if len(dropped) > 0 {
			b.rep.Warnf("%s: flags that cannot be stored were left out: %v", b.box.Name, dropped)
		}
	}
	p := makePlan(msgs, view.Messages, view.Status.UIDNext)
	if len(p.skipped) > 0 {
		b.rep.Warnf("%s: %d messages not copied: UIDs %v are below the target's UIDNEXT %d (expunged in Corvus?)",
			b.box.Name, len(p.skipped), p.skipped, view.Status.UIDNext)
	}
	b.rep.Skipped += len(p.skipped)
	return p, nil
}

// apply expunges, changes flags and copies, in that order, so that an
// interrupted run has already removed what the source removed.
func (b *boxSync) apply(ctx context.Context, tgt store.ImportTarget, p plan) error {
	if len(p.expunge) > 0 {
		gone, err := tgt.ExpungeUIDs(ctx, p.expunge)
		if err != nil {
			return err
		}
		b.rep.Expunged += len(gone)
	}
	if len(p.flags) > 0 {
		n, err := tgt.ReplaceFlags(ctx, p.flags)
		if err != nil {
			return err
		}
		b.rep.Flags += n
	}
	b.cfg.Progress.Mailbox(b.user, b.box.Name, len(p.copy))
	for _, batch := range batches(p.copy, b.cfg.BatchMessages, b.cfg.BatchBytes) {
		if err := b.copyBatch(ctx, tgt, batch); err != nil {
			return err
		}
	}
	return nil
}

// copyBatch fetches a batch of messages and imports them in one
// transaction, each described as APPEND describes a message (ingest).
func (b *boxSync) copyBatch(ctx context.Context, tgt store.ImportTarget, batch []srcMessage) error {
	raw, err := b.src.bodies(batch)
	if err != nil {
		return err
	}
	items := make([]store.ImportItem, 0, len(batch))
	var size int64
	for _, m := range batch {
		body, ok := raw[m.UID]
		if !ok {
			continue // expunged at the source since the listing
		}
		_, blob, sum, err := ingest.Parse(body)
		if err != nil {
			return fmt.Errorf("UID %d: %w", m.UID, err)
		}
		items = append(items, store.ImportItem{UID: m.UID, Body: bytes.NewReader(body), Message: store.NewMessage{
			Flags: m.Flags, InternalDate: m.InternalDate, Structure: blob, Summary: sum}})
		size += int64(len(body))
	}
	if len(items) == 0 {
		return nil
	}
	// The source accepted these messages: the target's quota limit
	// must not refuse them (usage is still counted).
	if err := tgt.ImportMessages(ctx, items, store.AppendOptions{Quota: store.QuotaIgnore}); err != nil {
		return err
	}
	b.rep.Copied += len(items)
	b.rep.Bytes += size
	b.cfg.Progress.Copied(len(items), size)
	return nil
}

// finish raises UIDNEXT and the modseq to the source's, remembers the
// state and notes the change for idled.
func (b *boxSync) finish(ctx context.Context, tgt store.ImportTarget) error {
	if err := tgt.RaiseUIDNext(ctx, b.sel.UIDNext); err != nil {
		return err
	}
	if err := tgt.RaiseModSeq(ctx, b.sel.HighestModSeq); err != nil {
		return err
	}
	st, err := tgt.Status(ctx)
	if err != nil {
		return err
	}
	b.cfg.State.Set(b.cfg.Host, b.user, b.box.Store, b.current(st.HighestModSeq))
	b.changed(tgt.ID(), st)
	return nil
}

// changed notes an event for idled (imapd and idled also poll the
// store's change log; the note only wakes them at once).
func (b *boxSync) changed(id string, st store.Status) {
	b.events = append(b.events, store.Event{User: b.user, MailboxID: id, Kind: store.EventAppend,
		ModSeq: st.HighestModSeq, Name: st.Name})
}
