package migrate

import (
	"context"
	"slices"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/store"
)

// sourceACL reads a mailbox's ACL (RFC 4314 GETACL); nil if the source
// has no ACL extension or refuses (the user lacks the 'a' right), which
// is reported once per mailbox.
func (u *userSync) sourceACL(name string) store.ACL {
	if !u.src.c.Caps().Has(imap.CapACL) {
		return nil
	}
	data, err := u.src.c.GetACL(name).Wait()
	if err != nil {
		u.rep.Warnf("%s: ACL not copied: %v", name, err)
		return nil
	}
	acl := store.ACL{}
	for id, r := range data.Rights {
		if store.CheckIdentifier(id) != nil {
			u.rep.Warnf("%s: ACL identifier %q not copied", name, id)
			continue
		}
		c, err := store.CanonicalRights(r)
		if err != nil {
			u.rep.Warnf("%s: ACL of %q not copied: %v", name, id, err)
			continue
		}
		acl[id] = c
	}
	return acl
}

// syncMetadata makes the target's ACL and special-use attributes the
// source's.
func (b *boxSync) syncMetadata(ctx context.Context, tgt store.ImportTarget, st store.Status) error {
	if !sameAttrs(st.SpecialUse, b.box.SpecialUse) {
		if err := tgt.SetSpecialUse(ctx, b.box.SpecialUse); err != nil {
			return err
		}
	}
	if b.acl == nil {
		return nil
	}
	cur, err := tgt.ACL(ctx)
	if err != nil {
		return err
	}
	for _, c := range aclChanges(cur, b.acl) {
		if _, err := tgt.SetRights(ctx, c.id, imap.RightModificationReplace, c.rights); err != nil {
			return err
		}
		b.rep.ACL++
	}
	return nil
}

// aclChange is one identifier's new rights; empty removes it.
type aclChange struct {
	id     imap.RightsIdentifier
	rights imap.RightSet
}

// aclChanges lists what turns cur into want, sorted by identifier.
func aclChanges(cur, want store.ACL) []aclChange {
	var out []aclChange
	for id, r := range want {
		if c, ok := cur[id]; !ok || string(c) != string(r) {
			out = append(out, aclChange{id, r})
		}
	}
	for id := range cur {
		if _, ok := want[id]; !ok {
			out = append(out, aclChange{id, nil})
		}
	}
	slices.SortFunc(out, func(a, b aclChange) int {
		switch {
		case a.id < b.id:
			return -1
		case a.id > b.id:
			return 1
		}
		return 0
	})
	return out
}

func sameAttrs(a, b []imap.MailboxAttr) bool {
	return slices.Equal(attrKeys(a), attrKeys(b))
}

func attrKeys(attrs []imap.MailboxAttr) []string {
	out := make([]string, len(attrs))
	for i, a := range attrs {
		out[i] = string(a)
	}
	slices.Sort(out)
	return out
}

// noteGrants announces the identifiers of the source's ACL to the
// store's grant index before any ACL names them (store.GrantIndex), so
// that they see the mailboxes shared with them.
func (b *boxSync) noteGrants(ctx context.Context) error {
	g, ok := b.cfg.Store.(store.GrantIndex)
	if !ok {
		return nil
	}
	for id := range b.acl {
		if err := g.NoteGrant(ctx, b.user, id); err != nil {
			return err
		}
	}
	return nil
}
