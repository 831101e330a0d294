package server

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/store"
)

// TestNumericOrder checks sortOrder's shortcut for one numeric key
// against the general path, on rows with many ties (so the UID tiebreak
// decides often) and extreme values.
func TestNumericOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	rows := make([]store.SortRow, 500)
	for i := range rows {
		rows[i] = store.SortRow{UID: imap.UID(3 * (i + 1)), Arrival: r.Int64N(20), Sent: r.Int64N(20) - 10, Size: r.Int64N(5)}
	}
	rows[7].Sent, rows[9].Sent = -1<<63, 1<<63-1
	for _, key := range []string{"ARRIVAL", "DATE", "SIZE"} {
		for _, rev := range []bool{false, true} {
			k := []wire.SortKey{{Key: key, Reverse: rev}}
			got, want := sortOrder(rows, k), generalOrder(rows, k)
			if !slices.Equal(got, want) {
				t.Errorf("%s reverse=%v: shortcut %v…, general %v…", key, rev, got[:10], want[:10])
			}
			if len(got) != len(rows) {
				t.Errorf("%s: %d indexes for %d rows", key, len(got), len(rows))
			}
		}
	}
}

// TestFold checks fold's ASCII shortcut against the Unicode mapping it
// stands in for.
func TestFold(t *testing.T) {
	unicodeFold := func(s string) string {
		return strings.Map(func(r rune) rune { return unicode.ToLower(unicode.ToUpper(r)) }, s)
	}
	for _, s := range []string{"", "abc", "ABC", "MiXeD.case@Host", "ünïcode", "KELVIN \u212a", "long \u017f", "ΣΊΣΥΦΟΣ", "1234-_.!"} {
		if got, want := fold(s), unicodeFold(s); got != want {
			t.Errorf("fold(%q) = %q, want %q", s, got, want)
		}
	}
	for i := range 128 {
		if s := string(rune(i)); fold(s) != unicodeFold(s) {
			t.Errorf("fold(%q) = %q, want %q", s, fold(s), unicodeFold(s))
		}
	}
}
