package server

import (
	"errors"
	"reflect"
	"testing"

	"github.com/emersion/go-imap/v2"
)

func TestSessionStateRoundTrip(t *testing.T) {
	tests := []SessionState{
		{User: "alice"},
		{User: "bob@example.com", Admin: true, Mailbox: "Entwürfe", ReadOnly: true, UIDValidity: 7,
			UIDs: []imap.UID{1, 2, 9, 4000000000}, Recent: []imap.UID{9}, ModSeq: 1 << 40,
			Enabled: []imap.Cap{imap.CapUTF8Accept}, IdleTag: "a7", Telemetry: "/x/log/bob/imap-1",
			Buffered: []byte("b NOOP\r\n")},
	}
	for _, st := range tests {
		b, err := st.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var got SessionState
		if err := got.UnmarshalBinary(b); err != nil {
			t.Fatalf("%+v: %v", st, err)
		}
		if !reflect.DeepEqual(got, st) {
			t.Errorf("round trip:\n got %+v\nwant %+v", got, st)
		}
	}
}

func TestSessionStateRejects(t *testing.T) {
	good, _ := (&SessionState{User: "a", UIDs: []imap.UID{1, 2}}).MarshalBinary()
	tests := map[string][]byte{
		"empty":     nil,
		"magic":     []byte("XXXX\x01"),
		"version":   append([]byte("CVIS"), 9),
		"truncated": good[:len(good)-1],
		"trailing":  append(append([]byte(nil), good...), 0),
		"huge uids": append([]byte("CVIS\x01\x01a\x00\x00\x00\x00\x00"), 0xff, 0xff, 0xff, 0xff, 0x0f),
	}
	for name, b := range tests {
		var st SessionState
		if err := st.UnmarshalBinary(b); !errors.Is(err, ErrBadState) {
			t.Errorf("%s: err %v", name, err)
		}
	}
	for _, uids := range [][]imap.UID{{3, 2}, {2, 2}, {0}} {
		if _, err := (&SessionState{UIDs: uids}).MarshalBinary(); err == nil {
			t.Errorf("UIDs %v marshalled", uids)
		}
	}
}

func FuzzSessionState(f *testing.F) {
	good, _ := (&SessionState{User: "a", Mailbox: "INBOX", UIDs: []imap.UID{1, 5}, Enabled: []imap.Cap{"X"}}).MarshalBinary()
	f.Add(good)
	f.Add([]byte("CVIS\x01"))
	f.Fuzz(func(t *testing.T, b []byte) {
		var st SessionState
		if st.UnmarshalBinary(b) != nil {
			return
		}
		again, err := st.MarshalBinary()
		if err != nil {
			t.Fatalf("decoded state does not encode: %v", err)
		}
		var st2 SessionState
		if err := st2.UnmarshalBinary(again); err != nil || !reflect.DeepEqual(st, st2) {
			t.Fatalf("unstable: %v", err)
		}
	})
}
