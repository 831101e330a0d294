package sqlite

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/corvusmail/corvus/internal/store"
)

// decodeSummaryParts must give what encoding/json gives for the parts
// asked for, and leave the others empty.
func TestDecodeSummaryParts(t *testing.T) {
	full := store.Summary{
		Date:      time.Date(2026, 2, 3, 4, 5, 6, 0, time.UTC),
		Subject:   `Re: "quoted" <tag> & café`,
		From:      []store.Address{{Name: "Ann \\ Lee", Mailbox: "ann", Host: "example.org"}},
		To:        []store.Address{{Mailbox: "bob", Host: "example.com"}, {Name: "Carl"}},
		Cc:        []store.Address{{Mailbox: "cc"}},
		Bcc:       []store.Address{{Mailbox: "hidden"}},
		MessageID: "a@b", InReplyTo: []string{"p@b"}, References: []string{"r1@b", "p@b"},
	}
	raw, err := json.Marshal(full)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		parts store.SummaryParts
		want  store.Summary
	}{
		{0, store.Summary{}},
		{store.SummarySubject, store.Summary{Subject: full.Subject}},
		{store.SummaryAddresses, store.Summary{From: full.From, To: full.To, Cc: full.Cc, Bcc: full.Bcc}},
		{store.SummaryThreading, store.Summary{MessageID: full.MessageID, InReplyTo: full.InReplyTo, References: full.References}},
	} {
		var got store.Summary
		if err := decodeSummaryParts(raw, tt.parts, &got); err != nil {
			t.Fatalf("parts %b: %v", tt.parts, err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parts %b:\n got %+v\nwant %+v", tt.parts, got, tt.want)
		}
	}
	for _, bad := range []string{"", "{", `{"s":}`, `{"s":"x"`, `["s"]`, `{"s" "x"}`, `{"f":[{"n":1}`} {
		var s store.Summary
		if err := decodeSummaryParts([]byte(bad), store.SummarySubject|store.SummaryAddresses, &s); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// FuzzDecodeSummaryParts: any input, no panic; and whatever Summary
// encoding/json reads from it, written back the way the store writes
// summaries, decodes to the same parts.
func FuzzDecodeSummaryParts(f *testing.F) {
	f.Add([]byte(`{"d":"2026-01-01T00:00:00Z","s":"Hi \u00e9","f":[{"n":"A","m":"a","h":"x"}],"r":["1","2"],"id":"3"}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"x":"a\\\"b\\","s":"q\"\\","id":"\\\\"}`)) // escaped quotes and backslashes before quotes
	f.Add([]byte(`{"x":[1,{"y":null},true]}`))
	f.Add([]byte(`{"f":[{"n":"[}{","m":"a"}],"t":[{"n":"\"]"}],"x":{"y":[[]]},"id":"x","r":["a]"]}`)) // brackets in strings, skipped nesting
	all := store.SummarySubject | store.SummaryAddresses | store.SummaryThreading
	f.Fuzz(func(t *testing.T, b []byte) {
		var s store.Summary
		decodeSummaryParts(b, all, &s)
		var want store.Summary
		if json.Unmarshal(b, &want) != nil {
			return
		}
		canon, err := json.Marshal(want)
		if err != nil {
			return
		}
		// What canon says, read back: json.Unmarshal matches keys without
		// regard to case, so {"B":[]} gives an empty Bcc that canon omits.
		want = store.Summary{}
		if err := json.Unmarshal(canon, &want); err != nil {
			t.Fatalf("%s: %v", canon, err)
		}
		var got store.Summary
		if err := decodeSummaryParts(canon, all, &got); err != nil {
			t.Fatalf("%s: %v", canon, err)
		}
		want.Date, want.Sender, want.ReplyTo = time.Time{}, nil, nil
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", canon, got, want)
		}
		// The threading parts alone: everything before them is skipped.
		var ids store.Summary
		if err := decodeSummaryParts(canon, store.SummaryThreading, &ids); err != nil {
			t.Fatalf("%s, threading: %v", canon, err)
		}
		wantIDs := store.Summary{MessageID: want.MessageID, InReplyTo: want.InReplyTo, References: want.References}
		if !reflect.DeepEqual(ids, wantIDs) {
			t.Errorf("%s, threading:\n got %+v\nwant %+v", canon, ids, wantIDs)
		}
	})
}
