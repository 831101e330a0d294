package sqlite

import (
	"context"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

// importAccount creates alice and returns her account as an Importer.
func importAccount(t *testing.T) (store.Account, store.Importer) {
	t.Helper()
	s := newTestStore(t)
	a, err := s.Create(context.Background(), "alice")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a, a.(store.Importer)
}

func importItems(uids ...imap.UID) []store.ImportItem {
	var out []store.ImportItem
	for _, u := range uids {
		out = append(out, store.ImportItem{UID: u, Body: strings.NewReader(body(int(u))),
			Message: store.NewMessage{Flags: []imap.Flag{imap.FlagSeen, "$Work"},
				InternalDate: time.Date(2020, 1, 2, 3, 4, 5, 0, time.FixedZone("", 3600))}})
	}
	return out
}

func TestImportMailboxUIDValidity(t *testing.T) {
	ctx := context.Background()
	a, imp := importAccount(t)
	tests := []struct {
		name    string
		uv      uint32
		replace bool
		wantErr error
	}{
		{"INBOX", 1000, false, nil}, // never used: adopts the value
		{"INBOX", 1000, false, nil}, // same value: opened
		{"Work/Projects", 2000, false, nil},
		{"Work/Projects", 2001, false, store.ErrUIDValidity}, // holds mail, see below
		{"Work/Projects", 2001, true, nil},
		{"Other", 0, false, store.ErrUIDValidity},
	}
	for i, tt := range tests {
		mb, err := imp.ImportMailbox(ctx, tt.name, tt.uv, store.ImportOptions{Replace: tt.replace})
		if !errors.Is(err, tt.wantErr) {
			t.Fatalf("%d: ImportMailbox(%q, %d) = %v, want %v", i, tt.name, tt.uv, err, tt.wantErr)
		}
		if err != nil {
			continue
		}
		st, err := mb.Status(ctx)
		if err != nil || st.UIDValidity != tt.uv {
			t.Fatalf("%d: UIDVALIDITY %d, %v; want %d", i, st.UIDValidity, err, tt.uv)
		}
		if tt.name == "Work/Projects" && tt.uv == 2000 {
			if err := mb.ImportMessages(ctx, importItems(5), store.AppendOptions{}); err != nil {
				t.Fatal(err)
			}
		}
		if tt.replace && st.Messages != 0 {
			t.Errorf("replaced mailbox holds %d messages", st.Messages)
		}
	}
	if q, _ := a.Quota(ctx); q.Messages != 0 {
		t.Errorf("quota usage %d messages after the replace, want 0", q.Messages)
	}
	// A mailbox Corvus creates afterwards gets a greater UIDVALIDITY.
	info, err := a.CreateMailbox(ctx, "New", store.CreateOptions{})
	if err != nil || info.UIDValidity <= 2001 {
		t.Errorf("new mailbox UIDVALIDITY %d, %v", info.UIDValidity, err)
	}
}

func TestImportMessages(t *testing.T) {
	ctx := context.Background()
	a, imp := importAccount(t)
	mb, err := imp.ImportMailbox(ctx, "Sent", 77, store.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	since, _ := a.HighestModSeq(ctx)
	if err := mb.ImportMessages(ctx, importItems(3, 7, 8), store.AppendOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, bad := range [][]imap.UID{{8}, {9, 9}, {12, 10}} {
		if err := mb.ImportMessages(ctx, importItems(bad...), store.AppendOptions{}); !errors.Is(err, store.ErrUIDOrder) {
			t.Errorf("import UIDs %v: %v, want ErrUIDOrder", bad, err)
		}
	}
	v, err := mb.View(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var uids []imap.UID
	for _, m := range v.Messages {
		uids = append(uids, m.UID)
		if !slices.Equal(m.Flags, []imap.Flag{imap.FlagSeen, "$Work"}) {
			t.Errorf("UID %d flags %v", m.UID, m.Flags)
		}
	}
	if !slices.Equal(uids, []imap.UID{3, 7, 8}) || v.Status.UIDNext != 9 || v.Status.Unseen != 0 {
		t.Errorf("UIDs %v UIDNEXT %d unseen %d; want [3 7 8], 9, 0", uids, v.Status.UIDNext, v.Status.Unseen)
	}
	msgs, err := mb.Fetch(ctx, imap.UIDSet{{Start: 7, Stop: 7}}, store.FetchOptions{})
	if err != nil || len(msgs) != 1 {
		t.Fatalf("fetch: %v %v", msgs, err)
	}
	if got := msgs[0].InternalDate; !got.Equal(time.Date(2020, 1, 2, 2, 4, 5, 0, time.UTC)) {
		t.Errorf("internal date %v", got)
	}
	if _, off := msgs[0].InternalDate.Zone(); off != 3600 {
		t.Errorf("internal date zone offset %d, want 3600", off)
	}
	content, err := mb.Open(ctx, 7)
	if err != nil {
		t.Fatal(err)
	}
	defer content.Close()
	got, _ := io.ReadAll(io.NewSectionReader(content, 0, content.Size()))
	if string(got) != body(7) {
		t.Errorf("body %q", got)
	}
	if q, _ := a.Quota(ctx); q.Messages != 3 || q.StorageBytes != int64(len(body(3))+len(body(7))+len(body(8))) {
		t.Errorf("quota usage %+v", q)
	}
	evs, err := a.Changes(ctx, since)
	if err != nil || !hasEvent(evs, store.EventAppend) {
		t.Errorf("events after import: %+v, %v; want an append", evs, err)
	}
}

func hasEvent(evs []store.Event, kind store.EventKind) bool {
	for _, e := range evs {
		if e.Kind == kind {
			return true
		}
	}
	return false
}

func TestImportFlagsExpungeFloors(t *testing.T) {
	ctx := context.Background()
	a, imp := importAccount(t)
	mb, err := imp.ImportMailbox(ctx, "INBOX", 5, store.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := mb.ImportMessages(ctx, importItems(1, 2, 3), store.AppendOptions{}); err != nil {
		t.Fatal(err)
	}
	before, _ := mb.View(ctx)
	n, err := mb.ReplaceFlags(ctx, []store.MessageFlags{
		{UID: 1, Flags: []imap.Flag{imap.FlagSeen, "$work"}}, // same, keyword in other case
		{UID: 2, Flags: []imap.Flag{imap.FlagFlagged}},
		{UID: 40, Flags: []imap.Flag{imap.FlagSeen}}, // absent
	})
	if err != nil || n != 1 {
		t.Fatalf("ReplaceFlags = %d, %v; want 1", n, err)
	}
	after, _ := mb.View(ctx)
	if after.Messages[0].ModSeq != before.Messages[0].ModSeq {
		t.Error("unchanged message got a new modseq")
	}
	if !slices.Equal(after.Messages[1].Flags, []imap.Flag{imap.FlagFlagged}) || after.Status.Unseen != 1 {
		t.Errorf("UID 2 flags %v, unseen %d", after.Messages[1].Flags, after.Status.Unseen)
	}
	gone, err := mb.ExpungeUIDs(ctx, []imap.UID{2, 9})
	if err != nil || !slices.Equal(gone, []imap.UID{2}) {
		t.Fatalf("ExpungeUIDs = %v, %v; want [2]", gone, err)
	}
	if vanished, _ := mb.ExpungedSince(ctx, after.Status.HighestModSeq); !slices.Equal(vanished, []imap.UID{2}) {
		t.Errorf("tombstones %v, want [2]", vanished)
	}
	if err := mb.RaiseUIDNext(ctx, 50); err != nil {
		t.Fatal(err)
	}
	if err := mb.RaiseUIDNext(ctx, 10); err != nil { // never lowers
		t.Fatal(err)
	}
	if err := mb.RaiseModSeq(ctx, 90000); err != nil {
		t.Fatal(err)
	}
	st, _ := mb.Status(ctx)
	if st.UIDNext != 50 || st.HighestModSeq != 90000 || st.Messages != 2 {
		t.Errorf("status %+v; want UIDNEXT 50, HIGHESTMODSEQ 90000, 2 messages", st)
	}
	if err := mb.ImportMessages(ctx, importItems(49), store.AppendOptions{}); !errors.Is(err, store.ErrUIDOrder) {
		t.Errorf("import below raised UIDNEXT: %v", err)
	}
	if err := mb.ImportMessages(ctx, importItems(60), store.AppendOptions{}); err != nil {
		t.Fatal(err)
	}
	if hm, _ := a.HighestModSeq(ctx); hm <= 90000 {
		t.Errorf("account modseq %d, want above 90000", hm)
	}
	if q, _ := a.Quota(ctx); q.Messages != 3 {
		t.Errorf("quota usage %d messages, want 3", q.Messages)
	}
}

func TestImportQuota(t *testing.T) {
	ctx := context.Background()
	a, imp := importAccount(t)
	if err := a.SetQuota(ctx, store.QuotaLimits{StorageKB: store.Unlimited, Messages: 1}); err != nil {
		t.Fatal(err)
	}
	mb, err := imp.ImportMailbox(ctx, "INBOX", 5, store.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := mb.ImportMessages(ctx, importItems(1, 2), store.AppendOptions{}); !errors.Is(err, store.ErrOverQuota) {
		t.Errorf("strict import over quota: %v", err)
	}
	if err := mb.ImportMessages(ctx, importItems(1, 2), store.AppendOptions{Quota: store.QuotaIgnore}); err != nil {
		t.Errorf("import ignoring quota: %v", err)
	}
}
