package server

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/corvusmail/corvus/internal/store/sqlite"
)

// When the change log is pruned, the engine diffs a fresh snapshot
// against the client's view.
func TestChangesFromView(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(sqlite.Options{Partition: filepath.Join(t.TempDir(), "p")})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	acct, err := st.Create(ctx, "u")
	if err != nil {
		t.Fatal(err)
	}
	defer acct.Close()
	mbox, _ := acct.Mailbox(ctx, store.Inbox)
	for i := 0; i < 3; i++ {
		if _, err := mbox.Append(ctx, strings.NewReader("Subject: x\r\n\r\nx\r\n"), store.NewMessage{}, store.AppendOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	s := &Session{ctx: ctx, sel: &selected{mbox: mbox, flags: map[imap.UID][]imap.Flag{1: nil, 2: nil, 3: nil},
		view: newSeqView([]imap.UID{1, 2, 3})}}
	mbox.StoreFlags(ctx, imap.UIDSetNum(1), store.StoreRequest{Op: imap.StoreFlagsAdd, Flags: []imap.Flag{imap.FlagDeleted}})
	mbox.Expunge(ctx, nil)
	mbox.StoreFlags(ctx, imap.UIDSetNum(3), store.StoreRequest{Op: imap.StoreFlagsAdd, Flags: []imap.Flag{imap.FlagSeen}})
	mbox.Append(ctx, strings.NewReader("Subject: y\r\n\r\ny\r\n"), store.NewMessage{}, store.AppendOptions{})
	ch, err := s.changesFromView()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ch.Expunged, []imap.UID{1}) {
		t.Errorf("expunged %v", ch.Expunged)
	}
	var uids []imap.UID
	for _, m := range ch.Messages {
		uids = append(uids, m.UID)
	}
	if !reflect.DeepEqual(uids, []imap.UID{3, 4}) {
		t.Errorf("changed %v, want [3 4]", uids)
	}
}
