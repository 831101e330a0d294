package storetest

import (
	"bytes"
	"slices"
	"strings"
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
	all := fetchAll(t, mb, store.FetchOptions{})
	mid := all[3].ModSeq
	modSeqOf := map[imap.UID]uint64{}
	for _, m := range all {
		modSeqOf[m.UID] = m.ModSeq
	}
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
		var want uint64
		for _, u := range res.UIDs {
			want = max(want, modSeqOf[u])
		}
		if res.HighestModSeq != want {
			t.Errorf("%s: HighestModSeq %d, want %d (the matches' highest)", tc.name, res.HighestModSeq, want)
		}
	}
	_, err := mb.Search(c, store.Criteria{Flags: []imap.Flag{"bad flag"}})
	mustErr(t, err, store.ErrInvalidFlag, "search for an invalid flag")
}

// testSearchEnvelope checks the envelope keys (FROM, TO, CC, BCC,
// SUBJECT), whose SQL prefilter must never drop a match, and SINCE and
// BEFORE on the internal date's day in its own zone.
func testSearchEnvelope(t *testing.T, newStore NewStore) {
	s := newStore(t)
	c := ctx(t)
	mb := mailbox(t, account(t, s, "alice"), store.Inbox)
	east, west := time.FixedZone("", 11*3600), time.FixedZone("", -10*3600)
	msgs := []struct {
		internal time.Time
		sum      store.Summary
	}{
		// 2024-03-01 23:30 in UTC+11 is still 1 March there, 12:30 UTC.
		{time.Date(2024, 3, 1, 23, 30, 0, 0, east), store.Summary{Subject: "Quarterly 100% <results> & more",
			From: []store.Address{{Name: "Tisi Morel", Mailbox: "tisi", Host: "example.com"}}}},
		// 2024-03-01 20:00 in UTC-10 is 2 March 06:00 UTC.
		{time.Date(2024, 3, 1, 20, 0, 0, 0, west), store.Summary{Subject: "Café \"crème\" back\\slash",
			To: []store.Address{{Mailbox: "list", Host: "example.org"}, {Name: "Bo", Mailbox: "bo", Host: "example.net"}}}},
		{time.Date(2024, 3, 2, 0, 0, 0, 0, time.UTC), store.Summary{Subject: "plain_text",
			Cc: []store.Address{{Name: "Tisi", Mailbox: "other", Host: "example.com"}}, Bcc: []store.Address{{Mailbox: "hidden"}}}},
	}
	for _, m := range msgs {
		_, err := mb.Append(c, bytes.NewReader([]byte("x")), store.NewMessage{InternalDate: m.internal, Summary: m.sum}, store.AppendOptions{})
		must(t, err, "Append")
	}
	march := func(d int) time.Time { return time.Date(2024, 3, d, 0, 0, 0, 0, time.UTC) }
	h := func(f, v string) []store.HeaderTest { return []store.HeaderTest{{Field: f, Value: v}} }
	tests := []struct {
		name string
		c    store.Criteria
		want []imap.UID
	}{
		{"from", store.Criteria{Header: h("FROM", "TISI")}, []imap.UID{1}},
		{"from spans name and address", store.Criteria{Header: h("from", "morel <tisi@EXAMPLE")}, []imap.UID{1}},
		{"from with a trailing space", store.Criteria{Header: h("FROM", "Morel ")}, []imap.UID{1}},
		{"cc", store.Criteria{Header: h("CC", "tisi")}, []imap.UID{3}},
		{"to, second address", store.Criteria{Header: h("TO", "bo <BO@")}, []imap.UID{2}},
		{"to never spans two addresses", store.Criteria{Header: h("TO", "org Bo")}, nil},
		{"bcc", store.Criteria{Header: h("BCC", "hidden")}, []imap.UID{3}},
		{"subject with % and <>&", store.Criteria{Header: h("SUBJECT", "100% <RESULTS> &")}, []imap.UID{1}},
		{"subject percent is literal", store.Criteria{Header: h("SUBJECT", "y 1%")}, nil},
		{"subject underscore is literal", store.Criteria{Header: h("SUBJECT", "plain_")}, []imap.UID{3}},
		{"subject underscore is no wildcard", store.Criteria{Header: h("SUBJECT", "plainXtext")}, nil},
		{"subject quote and backslash", store.Criteria{Header: h("SUBJECT", "\"CRÈME\" back\\")}, []imap.UID{2}},
		{"subject non-ASCII", store.Criteria{Header: h("SUBJECT", "CAFÉ")}, []imap.UID{2}},
		{"a value longer than SQLite's LIKE allows", store.Criteria{Header: h("SUBJECT", strings.Repeat("x", 60_000))}, nil},
		{"two tests", store.Criteria{Header: append(h("SUBJECT", "a"), h("FROM", "tisi")...)}, []imap.UID{1}},
		{"header and flag", store.Criteria{Header: h("SUBJECT", "a"), Flags: []imap.Flag{imap.FlagSeen}}, nil},
		{"since, in each message's zone", store.Criteria{Since: march(2)}, []imap.UID{3}},
		{"before, in each message's zone", store.Criteria{Before: march(2)}, []imap.UID{1, 2}},
		{"on", store.Criteria{Since: march(1), Before: march(2)}, []imap.UID{1, 2}},
	}
	for _, tc := range tests {
		res, err := mb.Search(c, tc.c)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
		} else if !slices.Equal(res.UIDs, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, res.UIDs, tc.want)
		}
	}
}
