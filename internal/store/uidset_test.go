package store

import (
	"slices"
	"testing"

	"github.com/emersion/go-imap/v2"
)

func TestResolveUIDs(t *testing.T) {
	r := func(a, b imap.UID) imap.UIDRange { return imap.UIDRange{Start: a, Stop: b} }
	tests := []struct {
		name    string
		set     imap.UIDSet
		highest imap.UID
		want    []imap.UIDRange
	}{
		{"plain", imap.UIDSet{r(1, 3)}, 10, []imap.UIDRange{r(1, 3)}},
		{"star", imap.UIDSet{r(5, 0)}, 10, []imap.UIDRange{r(5, 10)}},
		{"star alone", imap.UIDSet{r(0, 0)}, 10, []imap.UIDRange{r(10, 10)}},
		{"beyond highest", imap.UIDSet{r(100, 0)}, 50, []imap.UIDRange{r(50, 100)}},
		{"reversed", imap.UIDSet{r(9, 4)}, 10, []imap.UIDRange{r(4, 9)}},
		{"merge", imap.UIDSet{r(7, 9), r(1, 3), r(4, 5), r(8, 12)}, 20, []imap.UIDRange{r(1, 5), r(7, 12)}},
		{"empty mailbox star", imap.UIDSet{r(0, 0)}, 0, nil},
		{"empty mailbox range", imap.UIDSet{r(1, 0)}, 0, []imap.UIDRange{r(1, 1)}},
		{"max uid", imap.UIDSet{r(4294967295, 4294967295)}, 1, []imap.UIDRange{r(4294967295, 4294967295)}},
	}
	for _, tc := range tests {
		got, err := ResolveUIDs(tc.set, tc.highest)
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("%s: ResolveUIDs(%v, %d) = %v, %v; want %v", tc.name, tc.set, tc.highest, got, err, tc.want)
		}
	}
	if _, err := ResolveUIDs(imap.SearchRes(), 5); err == nil {
		t.Error("$ accepted")
	}
	ranges := []imap.UIDRange{r(1, 5), r(7, 12)}
	for uid, want := range map[imap.UID]bool{0: false, 1: true, 5: true, 6: false, 7: true, 12: true, 13: false} {
		if InRanges(ranges, uid) != want {
			t.Errorf("InRanges(%d) != %v", uid, want)
		}
	}
}

func TestQuotaAllows(t *testing.T) {
	q := Quota{StorageBytes: 2048, Messages: 2, Limits: QuotaLimits{StorageKB: 3, Messages: 3}}
	tests := []struct {
		policy   QuotaPolicy
		n, bytes int64
		want     bool
	}{
		{QuotaStrict, 1, 1024, true},
		{QuotaStrict, 1, 1025, false},
		{QuotaStrict, 2, 10, false},
		{QuotaLenient, 5, 1 << 20, true},
		{QuotaIgnore, 5, 1 << 20, true},
	}
	for _, tc := range tests {
		if got := q.Allows(tc.policy, tc.n, tc.bytes); got != tc.want {
			t.Errorf("Allows(%d, %d, %d) = %v", tc.policy, tc.n, tc.bytes, got)
		}
	}
	over := Quota{StorageBytes: 4096, Limits: QuotaLimits{StorageKB: 3, Messages: Unlimited}}
	if over.Allows(QuotaLenient, 0, 0) || !over.Allows(QuotaIgnore, 1, 1) {
		t.Error("lenient/ignore when over")
	}
	if (Quota{Limits: QuotaLimits{StorageKB: Unlimited, Messages: Unlimited}}).Allows(QuotaStrict, 1<<40, 1<<40) != true {
		t.Error("unlimited refused")
	}
	if EventFlags.String() != "flags" || EventKind(99).String() != "unknown" {
		t.Error("EventKind.String")
	}
	if EmailID("0123456789abcdef0123456789abcdef01234567") != "M0123456789abcdef01234567" {
		t.Error("EmailID")
	}
}
