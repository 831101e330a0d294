package storetest

import (
	"slices"
	"sync"
	"testing"

	"github.com/corvusmail/corvus/internal/store"
)

func testAccounts(t *testing.T, newStore NewStore) {
	s := newStore(t)
	c := ctx(t)
	_, err := s.Open(c, "alice")
	mustErr(t, err, store.ErrNoUser, "Open before Create")

	a := account(t, s, "alice")
	if a.User() != "alice" {
		t.Errorf("User() = %q", a.User())
	}
	if _, err := a.Mailbox(c, "inbox"); err != nil {
		t.Fatalf("new account has no INBOX: %v", err)
	}
	a2, err := s.Create(c, "alice") // idempotent
	must(t, err, "second Create")
	a2.Close()
	b, err := s.Open(c, "alice")
	must(t, err, "Open after Create")
	b.Close()

	account(t, s, "bob@example.com")
	users, err := s.Users(c)
	must(t, err, "Users")
	if !slices.Equal(users, []string{"alice", "bob@example.com"}) {
		t.Errorf("Users = %q", users)
	}

	must(t, s.DeleteUser(c, "bob@example.com"), "DeleteUser")
	_, err = s.Open(c, "bob@example.com")
	mustErr(t, err, store.ErrNoUser, "Open after DeleteUser")
	mustErr(t, s.DeleteUser(c, "bob@example.com"), store.ErrNoUser, "DeleteUser twice")

	// Recreated after deletion: a fresh, empty account.
	b2 := account(t, s, "bob@example.com")
	st := status(t, mailbox(t, b2, store.Inbox))
	if st.Messages != 0 {
		t.Errorf("recreated account has %d messages", st.Messages)
	}
}

func testNames(t *testing.T, newStore NewStore) {
	s := newStore(t)
	c := ctx(t)
	for _, u := range []string{"", "../x", "a/b", ".hidden", "a..b", "nul\x00", "ctl\x01", "x@", "x@.com", "x@a/b", "a*", string(make([]byte, 300))} {
		_, err := s.Create(c, u)
		mustErr(t, err, store.ErrInvalidName, "Create("+u+")")
		_, err = s.Open(c, u)
		mustErr(t, err, store.ErrInvalidName, "Open("+u+")")
	}
	a := account(t, s, "carol")
	for _, n := range []string{"", "/a", "a/", "a//b", "a*", "a%", "a\x00b", "tab\tname"} {
		_, err := a.CreateMailbox(c, n, store.CreateOptions{})
		mustErr(t, err, store.ErrInvalidName, "CreateMailbox("+n+")")
	}
	// Names that only look dangerous are fine: they never reach a file system.
	for _, n := range []string{"..", "../../etc", "a/../b", ".x", "Entwürfe", "日本語"} {
		if _, err := a.CreateMailbox(c, n, store.CreateOptions{}); err != nil {
			t.Errorf("CreateMailbox(%q): %v", n, err)
		}
	}
}

func testConcurrentCreate(t *testing.T, newStore NewStore) {
	s := newStore(t)
	c := ctx(t)
	// Two deliveries autocreating the same new user at once both succeed
	// (Cyrus 3.6 answers one of them "Mailbox already exists").
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, err := s.Create(c, "dave")
			if err == nil {
				_, err = a.Mailbox(c, store.Inbox)
				a.Close()
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("Create #%d: %v", i, err)
		}
	}
	a := account(t, s, "dave")
	list, err := a.List(c)
	must(t, err, "List")
	if len(list) != 1 || list[0].Name != store.Inbox {
		t.Errorf("List = %+v, want INBOX only", list)
	}
}
