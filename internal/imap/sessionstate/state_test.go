package sessionstate

import (
	"errors"
	"reflect"
	"testing"

	"github.com/emersion/go-imap/v2"
)

func TestRoundTrip(t *testing.T) {
	tests := []State{
		{User: "alice"},
		{User: "bob@example.com", Admin: true, MailboxID: "m5", Mailbox: "Entwürfe", ReadOnly: true, UIDValidity: 7,
			UIDs: []imap.UID{1, 2, 9, 4000000000}, Recent: []imap.UID{9}, ModSeq: 1 << 40,
			Enabled: []imap.Cap{imap.CapUTF8Accept}, IdleTag: "a7", IdleDeadline: 1790000000123,
			Telemetry: "/x/log/bob/imap-1", Service: "imap", Buffered: []byte("b NOOP\r\n")},
		{User: "c", IdleDeadline: -5, UIDs: []imap.UID{1<<32 - 1}},
	}
	for _, st := range tests {
		b, err := st.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var got State
		if err := got.UnmarshalBinary(b); err != nil {
			t.Fatalf("%+v: %v", st, err)
		}
		if !reflect.DeepEqual(got, st) {
			t.Errorf("round trip:\n got %+v\nwant %+v", got, st)
		}
	}
}

// TestCompactUIDs: a big mailbox with a few holes stays small, which is
// what lets idled hold ten thousand sessions in little memory.
func TestCompactUIDs(t *testing.T) {
	st := State{User: "u", Mailbox: "INBOX", MailboxID: "1"}
	for u := imap.UID(1); u <= 10000; u++ {
		if u%1000 != 0 {
			st.UIDs = append(st.UIDs, u)
		}
	}
	b, err := st.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if len(b) > 80 {
		t.Errorf("10 000 UIDs in 10 runs took %d bytes", len(b))
	}
	var got State
	if err := got.UnmarshalBinary(b); err != nil || !reflect.DeepEqual(got.UIDs, st.UIDs) {
		t.Fatalf("UIDs not kept: %v", err)
	}
}

func TestRejects(t *testing.T) {
	good, _ := (&State{User: "a", UIDs: []imap.UID{1, 2}}).MarshalBinary()
	tests := map[string][]byte{
		"empty":     nil,
		"magic":     []byte("XXXX\x03"),
		"version 1": append([]byte("CVIS"), 1),
		"version 2": append([]byte("CVIS"), 2),
		"truncated": good[:len(good)-1],
		"trailing":  append(append([]byte(nil), good...), 0),
		// user "a", flags, no mailbox, uidvalidity 0, one run of 2^28 UIDs
		"huge run": append([]byte("CVIS\x03\x01a\x00\x00\x00\x00\x00\x00\x01\x01"), 0x80, 0x80, 0x80, 0x80, 0x01),
		"zero gap": []byte("CVIS\x03\x01a\x00\x00\x00\x00\x00\x00\x01\x00\x01"),
		"bad bool": []byte("CVIS\x03\x01a\x02"),
	}
	for name, b := range tests {
		var st State
		if err := st.UnmarshalBinary(b); !errors.Is(err, ErrBadState) {
			t.Errorf("%s: err %v", name, err)
		}
	}
	for _, uids := range [][]imap.UID{{3, 2}, {2, 2}, {0}} {
		if _, err := (&State{UIDs: uids}).MarshalBinary(); err == nil {
			t.Errorf("UIDs %v marshalled", uids)
		}
	}
}

func FuzzState(f *testing.F) {
	good, _ := (&State{User: "a", MailboxID: "7", Mailbox: "INBOX", UIDs: []imap.UID{1, 2, 3, 5},
		Recent: []imap.UID{5}, Enabled: []imap.Cap{"X"}, IdleTag: "t", IdleDeadline: 99}).MarshalBinary()
	f.Add(good)
	f.Add([]byte("CVIS\x03"))
	f.Fuzz(func(t *testing.T, b []byte) {
		var st State
		if st.UnmarshalBinary(b) != nil {
			return
		}
		again, err := st.MarshalBinary()
		if err != nil {
			t.Fatalf("decoded state does not encode: %v", err)
		}
		var st2 State
		if err := st2.UnmarshalBinary(again); err != nil || !reflect.DeepEqual(st, st2) {
			t.Fatalf("unstable: %v", err)
		}
	})
}
