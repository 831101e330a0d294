// Package storetest is the conformance suite of the store interface: every
// backend (internal/store/sqlite now, PostgreSQL later) runs it from its
// own tests:
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) store.Store { … })
//	}
//
// newStore must return an empty store that is closed when t ends.
package storetest

import (
	"bytes"
	"context"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

// NewStore makes an empty store for one test.
type NewStore func(t *testing.T) store.Store

// Run runs every conformance test against stores made by newStore.
func Run(t *testing.T, newStore NewStore) {
	tests := []struct {
		name string
		fn   func(*testing.T, NewStore)
	}{
		{"Accounts", testAccounts},
		{"Names", testNames},
		{"Mailboxes", testMailboxes},
		{"Rename", testRename},
		{"RenameInbox", testRenameInbox},
		{"Subscriptions", testSubscriptions},
		{"AppendFetch", testAppendFetch},
		{"AppendMany", testAppendMany},
		{"UIDsNeverReused", testUIDsNeverReused},
		{"StoreFlags", testStoreFlags},
		{"Keywords", testKeywords},
		{"UnchangedSince", testUnchangedSince},
		{"Expunge", testExpunge},
		{"Changes", testChanges},
		{"Recent", testRecent},
		{"CopyMove", testCopyMove},
		{"CopyAcrossAccounts", testCopyAcross},
		{"Search", testSearch},
		{"SearchEnvelope", testSearchEnvelope},
		{"SortSummaries", testSortSummaries},
		{"SortNumbers", testSortNumbers},
		{"Quota", testQuota},
		{"ACL", testACL},
		{"Metadata", testMetadata},
		{"Deliver", testDeliver},
		{"Duplicates", testDuplicates},
		{"Events", testEvents},
		{"ConcurrentAppend", testConcurrentAppend},
		{"ConcurrentCreate", testConcurrentCreate},
		{"Sweep", testSweep},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, newStore) })
	}
}

// ctx bounds every test's calls.
func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return c
}

// account creates a user and returns the open account.
func account(t *testing.T, s store.Store, user string) store.Account {
	t.Helper()
	a, err := s.Create(ctx(t), user)
	if err != nil {
		t.Fatalf("Create(%q): %v", user, err)
	}
	t.Cleanup(func() { a.Close() })
	return a
}

// mailbox opens (creating if needed) a mailbox.
func mailbox(t *testing.T, a store.Account, name string) store.Mailbox {
	t.Helper()
	if name != store.Inbox {
		if _, err := a.CreateMailbox(ctx(t), name, store.CreateOptions{}); err != nil && !errors.Is(err, store.ErrMailboxExists) {
			t.Fatalf("CreateMailbox(%q): %v", name, err)
		}
	}
	mb, err := a.Mailbox(ctx(t), name)
	if err != nil {
		t.Fatalf("Mailbox(%q): %v", name, err)
	}
	return mb
}

// body returns a small distinct RFC 5322 message.
func body(n int) []byte {
	return fmt.Appendf(nil, "From: a@example.org\r\nTo: b@example.org\r\nSubject: test %d\r\n"+
		"Message-ID: <%d@example.org>\r\n\r\nBody of message %d.\r\n", n, n, n)
}

func guidOf(b []byte) string {
	h := sha1.Sum(b)
	return hex.EncodeToString(h[:])
}

// add appends body(n) with flags and returns its UID.
func add(t *testing.T, mb store.Mailbox, n int, flags ...imap.Flag) imap.UID {
	t.Helper()
	res, err := mb.Append(ctx(t), bytes.NewReader(body(n)), store.NewMessage{Flags: flags,
		Summary: store.Summary{Subject: fmt.Sprintf("test %d", n)}}, store.AppendOptions{})
	if err != nil {
		t.Fatalf("Append(%d): %v", n, err)
	}
	return res.UID
}

// status reads a mailbox's status.
func status(t *testing.T, mb store.Mailbox) store.Status {
	t.Helper()
	st, err := mb.Status(ctx(t))
	if err != nil {
		t.Fatalf("Status: %v", err)
	}
	return st
}

// fetchAll fetches every message with the given options.
func fetchAll(t *testing.T, mb store.Mailbox, opts store.FetchOptions) []store.Message {
	t.Helper()
	msgs, err := mb.Fetch(ctx(t), imap.UIDSet{{Start: 1, Stop: 0}}, opts)
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	return msgs
}

// readAll reads a message's bytes.
func readAll(t *testing.T, mb store.Mailbox, uid imap.UID) []byte {
	t.Helper()
	c, err := mb.Open(ctx(t), uid)
	if err != nil {
		t.Fatalf("Open(%d): %v", uid, err)
	}
	defer c.Close()
	b, err := io.ReadAll(io.NewSectionReader(c, 0, c.Size()))
	if err != nil {
		t.Fatalf("read %d: %v", uid, err)
	}
	return b
}

// flagSet makes flags comparable regardless of order.
func flagSet(flags []imap.Flag) map[imap.Flag]bool {
	m := make(map[imap.Flag]bool, len(flags))
	for _, f := range flags {
		m[f] = true
	}
	return m
}

func sameFlags(a, b []imap.Flag) bool {
	if len(a) != len(b) {
		return false
	}
	sa := flagSet(a)
	for _, f := range b {
		if !sa[f] {
			return false
		}
	}
	return true
}

func mustErr(t *testing.T, err, want error, what string) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("%s: got %v, want %v", what, err, want)
	}
}

func must(t *testing.T, err error, what string) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}
