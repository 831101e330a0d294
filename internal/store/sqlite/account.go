package sqlite

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

// account is a store.Account handle. Mailbox handles made from it are
// valid until it is closed.
type account struct {
	s    *Store
	e    *entry
	u    *userDB
	once sync.Once
}

var _ store.Account = (*account)(nil)

// User implements store.Account.
func (a *account) User() string { return a.u.user }

// Close implements store.Account.
func (a *account) Close() error {
	a.once.Do(func() { a.s.release(a.e) })
	return nil
}

// Mailbox implements store.Account.
func (a *account) Mailbox(ctx context.Context, name string) (store.Mailbox, error) {
	name, err := store.CanonicalMailbox(name)
	if err != nil {
		return nil, err
	}
	var m *mboxRow
	err = a.u.readOne(ctx, func(t *tx) error {
		m, err = loadMailbox(t, name)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &mailbox{u: a.u, id: m.id, objectid: m.objectid}, nil
}

// MailboxByID implements store.Account.
func (a *account) MailboxByID(ctx context.Context, id string) (store.Mailbox, error) {
	var m *mboxRow
	err := a.u.read(ctx, func(t *tx) error {
		var err error
		m, err = loadMailboxByObjectID(t, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &mailbox{u: a.u, id: m.id, objectid: m.objectid}, nil
}

// List implements store.Account: three queries whatever the number of
// mailboxes (rows, recent counts, ACLs).
func (a *account) List(ctx context.Context) ([]store.MailboxInfo, error) {
	var out []store.MailboxInfo
	err := a.u.read(ctx, func(t *tx) error {
		rows, err := t.query("SELECT " + mboxCols + " FROM mailboxes ORDER BY name")
		if err != nil {
			return err
		}
		var boxes []*mboxRow
		for rows.Next() {
			m := new(mboxRow)
			if err := rows.Scan(m.fields()...); err != nil {
				rows.Close()
				return err
			}
			boxes = append(boxes, m)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		recent, err := recentCounts(t)
		if err != nil {
			return err
		}
		acls, err := allACLs(t)
		if err != nil {
			return err
		}
		out = make([]store.MailboxInfo, len(boxes))
		for i, m := range boxes {
			out[i] = store.MailboxInfo{Status: m.status(recent[m.id]), ACL: acls[m.id]}
			if out[i].ACL == nil {
				out[i].ACL = store.ACL{}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list mailboxes: %w", err)
	}
	markChildren(out)
	return out, nil
}

// markChildren sets HasChildren from the sorted names: a mailbox has
// children if the first name sorting after "name/" starts with it.
func markChildren(boxes []store.MailboxInfo) {
	for i := range boxes {
		prefix := boxes[i].Name + string(store.Separator)
		j := sort.Search(len(boxes), func(k int) bool { return boxes[k].Name >= prefix })
		boxes[i].HasChildren = j < len(boxes) && strings.HasPrefix(boxes[j].Name, prefix)
	}
}

// recentCounts counts each mailbox's messages above its recent mark.
func recentCounts(t *tx) (map[int64]int64, error) {
	rows, err := t.query(`SELECT m.id, count(*) FROM mailboxes m JOIN messages g
		ON g.mailbox = m.id AND g.uid > m.recentuid GROUP BY m.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[int64]int64)
	for rows.Next() {
		var id, n int64
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}

// allACLs reads every mailbox's ACL.
func allACLs(t *tx) (map[int64]store.ACL, error) {
	rows, err := t.query("SELECT mailbox, identifier, rights FROM acl")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[int64]store.ACL)
	for rows.Next() {
		var id int64
		var ident, rights string
		if err := rows.Scan(&id, &ident, &rights); err != nil {
			return nil, err
		}
		if out[id] == nil {
			out[id] = store.ACL{}
		}
		out[id][imap.RightsIdentifier(ident)] = imap.RightSet(rights)
	}
	return out, rows.Err()
}
