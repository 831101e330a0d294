package storetest

import (
	"testing"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

func testACL(t *testing.T, newStore NewStore) {
	s := newStore(t)
	c := ctx(t)
	a := account(t, s, "alice")
	inbox := mailbox(t, a, store.Inbox)
	acl, err := inbox.ACL(c)
	must(t, err, "ACL")
	if acl["alice"].String() != store.AllRights {
		t.Errorf("owner rights on INBOX = %q", acl["alice"])
	}
	r, err := inbox.SetRights(c, "bob", imap.RightModificationReplace, imap.RightSet("rl"))
	must(t, err, "SETACL bob lr")
	if r.String() != "lr" {
		t.Errorf("canonical rights = %q", r)
	}
	r, err = inbox.SetRights(c, "bob", imap.RightModificationAdd, imap.RightSet("sw"))
	must(t, err, "SETACL bob +sw")
	if r.String() != "lrsw" {
		t.Errorf("after +sw = %q", r)
	}
	r, _ = inbox.SetRights(c, "bob", imap.RightModificationRemove, imap.RightSet("r"))
	if r.String() != "lsw" {
		t.Errorf("after -r = %q", r)
	}
	_, err = inbox.SetRights(c, "bob", imap.RightModificationReplace, imap.RightSet("lZ"))
	mustErr(t, err, store.ErrInvalidRights, "unknown right")
	// A child inherits its parent's ACL, as Cyrus.
	child, err := a.CreateMailbox(c, "INBOX/Child", store.CreateOptions{})
	must(t, err, "create child")
	if child.ACL["bob"].String() != "lsw" || child.ACL["alice"].String() != store.AllRights {
		t.Errorf("inherited ACL = %v", child.ACL)
	}
	top, _ := a.CreateMailbox(c, "Top", store.CreateOptions{})
	if top.ACL["bob"].String() != "lsw" {
		t.Errorf("top-level mailbox does not inherit INBOX's ACL: %v", top.ACL)
	}
	own, _ := a.CreateMailbox(c, "Own", store.CreateOptions{ACL: store.ACL{"alice": imap.RightSet("lr"), "anyone": imap.RightSet("p")}})
	if len(own.ACL) != 2 || own.ACL["anyone"].String() != "p" {
		t.Errorf("explicit ACL = %v", own.ACL)
	}
	// DELETEACL: an empty set removes the identifier.
	r, _ = inbox.SetRights(c, "bob", imap.RightModificationReplace, imap.RightSet(""))
	acl, _ = inbox.ACL(c)
	if len(r) != 0 || len(acl) != 1 {
		t.Errorf("after delete: %q %v", r, acl)
	}
	list, _ := a.List(c)
	for _, m := range list {
		if m.Name == "Own" && m.ACL["anyone"].String() != "p" {
			t.Errorf("List ACL = %v", m.ACL)
		}
	}
}

func testMetadata(t *testing.T, newStore NewStore) {
	s := newStore(t)
	c := ctx(t)
	a := account(t, s, "alice")
	mb := mailbox(t, a, store.Inbox)
	must(t, mb.SetMetadata(c, "alice", []store.MetadataEntry{
		{Name: "/shared/Comment", Value: []byte("for all")},
		{Name: "/private/comment", Value: []byte("alice's")},
		{Name: "/private/empty", Value: []byte{}},
	}), "SETMETADATA")
	must(t, mb.SetMetadata(c, "bob", []store.MetadataEntry{{Name: "/private/comment", Value: []byte("bob's")}}), "bob's")
	got, err := mb.Metadata(c, "alice")
	must(t, err, "GETMETADATA")
	want := map[string]string{"/private/comment": "alice's", "/private/empty": "", "/shared/comment": "for all"}
	if len(got) != len(want) {
		t.Fatalf("alice sees %v", got)
	}
	for _, e := range got {
		if w, ok := want[e.Name]; !ok || string(e.Value) != w || e.Value == nil {
			t.Errorf("entry %s = %q", e.Name, e.Value)
		}
	}
	got, _ = mb.Metadata(c, "bob")
	if len(got) != 2 || string(got[0].Value) != "bob's" {
		t.Errorf("bob sees %v", got)
	}
	must(t, mb.SetMetadata(c, "alice", []store.MetadataEntry{{Name: "/shared/comment"}}), "remove")
	got, _ = mb.Metadata(c, "bob")
	if len(got) != 1 {
		t.Errorf("after removal bob sees %v", got)
	}
	mustErr(t, mb.SetMetadata(c, "alice", []store.MetadataEntry{{Name: "/bad", Value: []byte("x")}}), store.ErrInvalidName, "bad entry")
	mustErr(t, mb.SetMetadata(c, "alice", []store.MetadataEntry{{Name: "/shared/a*", Value: []byte("x")}}), store.ErrInvalidName, "wildcard entry")

	must(t, s.SetServerMetadata(c, "alice", []store.MetadataEntry{
		{Name: "/shared/admin", Value: []byte("mailto:postmaster@example.org")},
		{Name: "/private/x", Value: []byte("mine")},
	}), "server SETMETADATA")
	srv, err := s.ServerMetadata(c, "bob")
	must(t, err, "server GETMETADATA")
	if len(srv) != 1 || srv[0].Name != "/shared/admin" {
		t.Errorf("server metadata for bob = %v", srv)
	}
	srv, _ = s.ServerMetadata(c, "alice")
	if len(srv) != 2 {
		t.Errorf("server metadata for alice = %v", srv)
	}
}
