package storetest

import (
	"bytes"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/store"
)

// testSortSummaries checks store.SummaryLoader: each part alone loads
// what it names and nothing else, and a sparse set (a SEARCH's few hits
// in a large mailbox) returns exactly its messages.
func testSortSummaries(t *testing.T, newStore NewStore) {
	s := newStore(t)
	c := ctx(t)
	mb := mailbox(t, account(t, s, "alice"), store.Inbox)
	loader, ok := mb.(store.SummaryLoader)
	if !ok {
		t.Skip("the store has no SummaryLoader")
	}
	zone := time.FixedZone("", 3600)
	internal := func(i int) time.Time { return time.Date(2025, 3, 1, i, 0, 0, 0, zone) }
	sent := func(i int) time.Time { return time.Date(2024, 1, 1+i%28, 8, 0, 0, 0, time.UTC) }
	var items []store.AppendItem
	for i := 1; i <= 120; i++ {
		sum := store.Summary{Date: sent(i), Subject: fmt.Sprintf("Re: topic %d", i), MessageID: fmt.Sprintf("m%d@x", i),
			InReplyTo: []string{fmt.Sprintf("m%d@x", i-1)}, References: []string{"root@x", fmt.Sprintf("m%d@x", i-1)},
			From: []store.Address{{Name: "P", Mailbox: fmt.Sprintf("p%d", i), Host: "example.com"}}}
		items = append(items, store.AppendItem{Body: bytes.NewReader(bytes.Repeat([]byte("y"), i)),
			Message: store.NewMessage{InternalDate: internal(i), Summary: sum}})
	}
	if _, err := mb.AppendMany(c, items, store.AppendOptions{}); err != nil {
		t.Fatalf("AppendMany: %v", err)
	}
	sparse := imap.UIDSetNum(2, 30, 31, 55, 80, 119)
	tests := []struct {
		name  string
		uids  imap.UIDSet
		parts store.SummaryParts
		n     int
	}{
		{"uid only", imap.UIDSet{{Start: 1, Stop: 0}}, 0, 120},
		{"arrival and size", imap.UIDSet{{Start: 1, Stop: 0}}, store.SummaryArrival | store.SummarySize, 120},
		{"date", imap.UIDSetNum(5, 6, 7), store.SummaryDate, 3},
		{"date, arrival and size over all", imap.UIDSet{{Start: 1, Stop: 0}}, store.SummaryDate | store.SummaryArrival | store.SummarySize, 120},
		{"numbers on a sparse set", sparse, store.SummaryDate | store.SummarySize, 6},
		{"subject, threading and date", imap.UIDSet{{Start: 1, Stop: 0}}, store.SummarySubject | store.SummaryThreading | store.SummaryDate, 120},
		{"text on a sparse set", sparse, store.SummaryText, 6},
		{"everything on a sparse set", sparse, store.SummaryText | store.SummaryDate | store.SummaryArrival | store.SummarySize, 6},
		{"subject", imap.UIDSet{{Start: 1, Stop: 0}}, store.SummarySubject, 120},
		{"first From", sparse, store.SummaryFirstFrom, 6},
		{"subject, first From and date", imap.UIDSet{{Start: 1, Stop: 0}}, store.SummarySubject | store.SummaryFirstFrom | store.SummaryDate, 120},
		{"first From with the threading parts", sparse, store.SummaryFirstFrom | store.SummaryThreading, 6},
	}
	for _, tc := range tests {
		msgs, err := loader.SortSummaries(c, tc.uids, tc.parts)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if len(msgs) != tc.n {
			t.Fatalf("%s: %d messages, want %d", tc.name, len(msgs), tc.n)
		}
		for j, m := range msgs {
			i := int(m.UID)
			if !tc.uids.Contains(m.UID) || (j > 0 && msgs[j-1].UID >= m.UID) {
				t.Fatalf("%s: UID %d out of the set or out of order", tc.name, m.UID)
			}
			checkSummaryParts(t, tc.name, m, tc.parts, internal(i), sent(i), i)
		}
	}
}

// testSortNumbers checks store.NumberLoader: each numeric part alone,
// over a whole mailbox and a sparse set, and a request for anything else
// refused.
func testSortNumbers(t *testing.T, newStore NewStore) {
	s := newStore(t)
	c := ctx(t)
	mb := mailbox(t, account(t, s, "alice"), store.Inbox)
	loader, ok := mb.(store.NumberLoader)
	if !ok {
		t.Skip("the store has no NumberLoader")
	}
	internal := func(i int) time.Time { return time.Date(2025, 3, 1, i, 0, 0, 0, time.UTC) }
	sent := func(i int) time.Time { return time.Date(1969, 12, 1+i%28, 8, 0, 0, 0, time.UTC) } // before 1970: negative
	var items []store.AppendItem
	for i := 1; i <= 50; i++ {
		items = append(items, store.AppendItem{Body: bytes.NewReader(bytes.Repeat([]byte("z"), i)),
			Message: store.NewMessage{InternalDate: internal(i), Summary: store.Summary{Date: sent(i)}}})
	}
	if _, err := mb.AppendMany(c, items, store.AppendOptions{}); err != nil {
		t.Fatalf("AppendMany: %v", err)
	}
	value := map[store.SummaryParts]func(i int) int64{
		store.SummaryArrival: func(i int) int64 { return internal(i).Unix() },
		store.SummaryDate:    func(i int) int64 { return sent(i).Unix() },
		store.SummarySize:    func(i int) int64 { return int64(i) },
	}
	for part, want := range value {
		for _, set := range []imap.UIDSet{{{Start: 1, Stop: 0}}, imap.UIDSetNum(3, 17, 18, 49)} {
			nums, err := loader.SortNumbers(c, set, part)
			if err != nil {
				t.Fatalf("part %d of %v: %v", part, set, err)
			}
			var uids []imap.UID
			for _, n := range nums {
				uids = append(uids, n.UID)
				if n.Value != want(int(n.UID)) {
					t.Errorf("part %d: UID %d value %d, want %d", part, n.UID, n.Value, want(int(n.UID)))
				}
			}
			if wantN := map[bool]int{true: 50, false: 4}[len(set) == 1]; len(uids) != wantN || !slices.IsSorted(uids) {
				t.Errorf("part %d of %v: UIDs %v", part, set, uids)
			}
		}
	}
	if _, err := loader.SortNumbers(c, imap.UIDSetNum(1), store.SummarySubject); err == nil {
		t.Error("SortNumbers of the subject: no error")
	}
	if _, err := loader.SortNumbers(c, imap.UIDSetNum(1), store.SummaryDate|store.SummarySize); err == nil {
		t.Error("SortNumbers of two parts: no error")
	}
}

// checkSummaryParts checks that r, message i, has the parts asked for
// and is zero elsewhere.
func checkSummaryParts(t *testing.T, name string, r store.SortRow, parts store.SummaryParts, internal, sent time.Time, i int) {
	t.Helper()
	if arr := parts&store.SummaryArrival != 0; arr != (r.Arrival != 0) || (arr && r.Arrival != internal.Unix()) {
		t.Errorf("%s: UID %d internal date %d, want %d", name, i, r.Arrival, internal.Unix())
	}
	if size := parts&store.SummarySize != 0; size != (r.Size != 0) || (size && r.Size != int64(i)) {
		t.Errorf("%s: UID %d size %d", name, i, r.Size)
	}
	if date := parts&store.SummaryDate != 0; date != (r.Sent != 0) || (date && r.Sent != sent.Unix()) {
		t.Errorf("%s: UID %d sent date %d, want %d", name, i, r.Sent, sent.Unix())
	}
	if want := parts&store.SummarySubject != 0; want != (r.Subject == fmt.Sprintf("Re: topic %d", i)) {
		t.Errorf("%s: UID %d subject %q", name, i, r.Subject)
	}
	if want := parts&store.SummaryFirstFrom != 0; want != (r.FromMailbox == fmt.Sprintf("p%d", i)) {
		t.Errorf("%s: UID %d first From mailbox %q", name, i, r.FromMailbox)
	}
	if (parts&store.SummaryThreading != 0) != (r.Thread != nil) {
		t.Fatalf("%s: UID %d thread ids %v", name, i, r.Thread)
	}
	if th := r.Thread; th != nil && (th.MessageID != fmt.Sprintf("m%d@x", i) ||
		!slices.Equal(th.InReplyTo, []string{fmt.Sprintf("m%d@x", i-1)}) || !slices.Equal(th.References, []string{"root@x", fmt.Sprintf("m%d@x", i-1)})) {
		t.Errorf("%s: UID %d thread ids %+v", name, i, *th)
	}
	if (parts&store.SummaryAddresses != 0) != (r.Summary != nil) {
		t.Fatalf("%s: UID %d summary %v", name, i, r.Summary)
	}
	if r.Summary == nil {
		return
	}
	// With SummaryFirstFrom alone From may be there or not.
	if want := parts&store.SummaryAddresses != 0; parts&store.SummaryFirstFrom == 0 &&
		want != (len(r.Summary.From) == 1 && r.Summary.From[0].Mailbox == fmt.Sprintf("p%d", i)) {
		t.Errorf("%s: UID %d From %+v", name, i, r.Summary.From)
	}
}
