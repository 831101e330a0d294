package storetest

import (
	"bytes"
	"slices"
	"testing"
	"time"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

func testSearch(t *testing.T, newStore NewStore) {
	s := newStore(t)
	c := ctx(t)
	a := account(t, s, "alice")
	mb := mailbox(t, a, store.Inbox)
	day := func(d int) time.Time { return time.Date(2024, 1, d, 12, 0, 0, 0, time.UTC) }
	for i := 1; i <= 6; i++ {
		var flags []imap.Flag
		if i%2 == 0 {
			flags = append(flags, imap.FlagSeen)
		}
		if i%3 == 0 {
			flags = append(flags, "$Important")
		}
		msg := bytes.Repeat([]byte("x"), i*100)
		sum := store.Summary{Date: day(10 + i)}
		if i == 6 {
			sum = store.Summary{} // no Date: header: internal date counts
		}
		_, err := mb.Append(c, bytes.NewReader(msg), store.NewMessage{Flags: flags, InternalDate: day(i), Summary: sum}, store.AppendOptions{})
		must(t, err, "Append")
	}
	mid := fetchAll(t, mb, store.FetchOptions{})[3].ModSeq
	tests := []struct {
		name string
		c    store.Criteria
		want []imap.UID
	}{
		{"all", store.Criteria{}, []imap.UID{1, 2, 3, 4, 5, 6}},
		{"seen", store.Criteria{Flags: []imap.Flag{imap.FlagSeen}}, []imap.UID{2, 4, 6}},
		{"unseen keyword", store.Criteria{NotFlags: []imap.Flag{"\\SEEN"}, Flags: []imap.Flag{"$important"}}, []imap.UID{3}},
		{"unkeyword", store.Criteria{NotFlags: []imap.Flag{"$Important"}}, []imap.UID{1, 2, 4, 5}},
		{"unknown keyword", store.Criteria{Flags: []imap.Flag{"$Nothing"}}, nil},
		{"larger", store.Criteria{Larger: 400}, []imap.UID{5, 6}},
		{"smaller", store.Criteria{Smaller: 300}, []imap.UID{1, 2}},
		{"since before", store.Criteria{Since: day(2), Before: day(4)}, []imap.UID{2, 3}},
		{"sent", store.Criteria{SentSince: day(13), SentBefore: day(15)}, []imap.UID{3, 4}},
		{"sent falls back to internal date", store.Criteria{SentBefore: day(7)}, []imap.UID{6}},
		{"saved", store.Criteria{SavedSince: time.Now().Add(-time.Hour)}, []imap.UID{1, 2, 3, 4, 5, 6}},
		{"modseq", store.Criteria{ModSeq: mid}, []imap.UID{4, 5, 6}},
		{"uids", store.Criteria{UIDs: imap.UIDSet{{Start: 1, Stop: 2}, {Start: 5, Stop: 0}}}, []imap.UID{1, 2, 5, 6}},
		{"uids and flag", store.Criteria{UIDs: imap.UIDSetNum(1, 2, 3), Flags: []imap.Flag{imap.FlagSeen}}, []imap.UID{2}},
	}
	for _, tc := range tests {
		res, err := mb.Search(c, tc.c)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if !slices.Equal(res.UIDs, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, res.UIDs, tc.want)
		}
		if len(res.UIDs) > 0 && res.HighestModSeq == 0 {
			t.Errorf("%s: no HighestModSeq", tc.name)
		}
	}
	_, err := mb.Search(c, store.Criteria{Flags: []imap.Flag{"bad flag"}})
	mustErr(t, err, store.ErrInvalidFlag, "search for an invalid flag")
}
