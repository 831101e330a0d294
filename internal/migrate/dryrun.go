package migrate

import (
	"context"
	"errors"

	"github.com/corvusmail/corvus/internal/store"
)

// dryRun counts what syncMailbox would do, changing nothing.
func (b *boxSync) dryRun(ctx context.Context) error {
	var view store.View
	st, ok := b.existing[b.box.Store]
	switch {
	case !ok:
		b.rep.Created++
	case st.UIDValidity != b.sel.UIDValidity && st.UIDNext > 1:
		b.rep.Warnf("%s: UIDVALIDITY changed at the source: would recopy the mailbox", b.box.Name)
		b.rep.Recopied++
	default:
		mb, err := b.acct.Mailbox(ctx, b.box.Store)
		if err != nil && !errors.Is(err, store.ErrNoMailbox) {
			return err
		}
		if mb == nil {
			b.rep.Created++
			break
		}
		if view, err = mb.View(ctx); err != nil {
			return err
		}
		if b.unchanged(view.Status) {
			b.rep.Unchanged++
			return nil
		}
		if cur, err := mb.ACL(ctx); err == nil && b.acl != nil {
			b.rep.ACL += len(aclChanges(cur, b.acl))
		}
	}
	if view.Status.UIDNext == 0 {
		view.Status.UIDNext = 1
	}
	p, err := b.plan(view)
	if err != nil {
		return err
	}
	b.rep.Expunged += len(p.expunge)
	b.rep.Flags += len(p.flags)
	b.rep.Copied += len(p.copy)
	for _, m := range p.copy {
		b.rep.Bytes += m.Size
	}
	return nil
}
