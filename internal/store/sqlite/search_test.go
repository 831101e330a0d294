package sqlite

import (
	"database/sql"
	"encoding/json"
	"slices"
	"testing"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/store"
)

func TestParseUIDList(t *testing.T) {
	tests := []struct {
		list string
		want []imap.UID
		err  bool
	}{
		{"", nil, false},
		{"7", []imap.UID{7}, false},
		{"1,2,3,4294967295", []imap.UID{1, 2, 3, 4294967295}, false},
		{"5,3,9", []imap.UID{3, 5, 9}, false}, // a plan that did not scan in UID order
		{"1,,2", nil, true},
		{"1,x", nil, true},
		{"0", nil, true},
		{"4294967296", nil, true},
		{"-1", nil, true},
	}
	for _, tc := range tests {
		got, err := parseUIDList([]byte(tc.list))
		if (err != nil) != tc.err || !slices.Equal(got, tc.want) {
			t.Errorf("parseUIDList(%q) = %v, %v; want %v, error %v", tc.list, got, err, tc.want, tc.err)
		}
	}
}

func TestNextInt(t *testing.T) {
	tests := []struct {
		list string
		want int64
		rest string
		err  bool
	}{
		{"12,34", 12, "34", false},
		{"-86400,1", -86400, "1", false}, // a Date before 1970
		{"9", 9, "", false},
		{",1", 0, "", true},
		{"1.5,2", 0, "", true},
		{"-", 0, "", true},
		{"--1", 0, "", true},
		{"1234567890123456789", 0, "", true}, // past what the columns hold
		{"123456789012345678", 123456789012345678, "", false},
	}
	for _, tc := range tests {
		v, rest, err := nextInt([]byte(tc.list))
		if (err != nil) != tc.err || (!tc.err && (v != tc.want || string(rest) != tc.rest)) {
			t.Errorf("nextInt(%q) = %d, %q, %v; want %d, %q, error %v", tc.list, v, rest, err, tc.want, tc.rest, tc.err)
		}
	}
}

// FuzzLikePrefilter checks what the envelope search's SQL prefilter
// (likePattern) promises: whenever a header test matches a summary, the
// pattern matches the summary's stored JSON in SQLite's LIKE, so the
// prefilter never drops a message the test in Go would keep.
func FuzzLikePrefilter(f *testing.F) {
	f.Add(uint8(0), "Re: 50% off_now", "Ann", "ann", "example.com", "50% OFF_")
	f.Add(uint8(1), "", "A \"quoted\" name", "x", "h", "quoted")
	f.Add(uint8(1), "", "Bob", "bob", "example.org", "b <bob")
	f.Add(uint8(0), "tab\there", "", "", "", `back\slash`)
	f.Add(uint8(0), "\u212a elvin", "", "", "", "k")
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	f.Fuzz(func(t *testing.T, field uint8, subject, name, mailbox, host, value string) {
		sum := store.Summary{Subject: subject, From: []store.Address{{Name: name, Mailbox: mailbox, Host: host}}}
		h := store.HeaderTest{Field: []string{"SUBJECT", "FROM"}[field%2], Value: value}
		p, ok := likePattern(value)
		if !ok || !h.Matches(&sum) {
			return
		}
		js, err := json.Marshal(&sum)
		if err != nil {
			return // not valid UTF-8 and the like: never stored
		}
		var hit bool
		if err := db.QueryRow(`SELECT CAST(? AS TEXT) LIKE ? ESCAPE '\'`, js, p).Scan(&hit); err != nil {
			t.Fatalf("LIKE %q: %v", p, err)
		}
		if !hit {
			t.Fatalf("%s %q matches %s but LIKE %q does not", h.Field, value, js, p)
		}
	})
}
