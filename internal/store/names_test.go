package store

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckUser(t *testing.T) {
	tests := []struct {
		user string
		ok   bool
	}{
		{"alice", true},
		{"john.doe", true},
		{"Ünïcødé", true},
		{"alice@example.com", true},
		{"a-b_c+d", true},
		{"", false},
		{".alice", false},
		{"..", false},
		{"a..b", false},
		{"a/b", false},
		{"a\\b", false},
		{"a\x00b", false},
		{"a\nb", false},
		{"a\x7fb", false},
		{"a\u0085b", false},
		{"a*", false},
		{"a%", false},
		{"\xff\xfe", false},
		{"a@b@c", false},
		{"@example.com", false},
		{"alice@", false},
		{"alice@.example.com", false},
		{"alice@-x.com", false},
		{"alice@ex..com", false},
		{"alice@ex/ample", false},
		{"alice@ex_ample", false},
		{strings.Repeat("a", MaxUserName), true},
		{strings.Repeat("a", MaxUserName+1), false},
	}
	for _, tc := range tests {
		err := CheckUser(tc.user)
		if tc.ok != (err == nil) {
			t.Errorf("CheckUser(%q) = %v, want ok=%v", tc.user, err, tc.ok)
		}
		if err != nil && !errors.Is(err, ErrInvalidName) {
			t.Errorf("CheckUser(%q) error %v is not ErrInvalidName", tc.user, err)
		}
	}
}

func TestCanonicalMailbox(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"INBOX", "INBOX", true},
		{"inbox", "INBOX", true},
		{"InBoX/Sub", "INBOX/Sub", true},
		{"inboxes", "inboxes", true},
		{"Sent", "Sent", true},
		{"a/b/c", "a/b/c", true},
		{"..", "..", true},
		{"Entwürfe", "Entwürfe", true},
		{"", "", false},
		{"/a", "", false},
		{"a/", "", false},
		{"a//b", "", false},
		{"a*", "", false},
		{"a%b", "", false},
		{"a\x00", "", false},
		{"a\tb", "", false},
		{"\xc3", "", false},
		{strings.Repeat("x", MaxMailboxName), strings.Repeat("x", MaxMailboxName), true},
		{strings.Repeat("x", MaxMailboxName+1), "", false},
	}
	for _, tc := range tests {
		got, err := CanonicalMailbox(tc.in)
		if tc.ok != (err == nil) || got != tc.want {
			t.Errorf("CanonicalMailbox(%q) = %q, %v; want %q ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
		if err != nil && !errors.Is(err, ErrInvalidName) {
			t.Errorf("CanonicalMailbox(%q) error %v is not ErrInvalidName", tc.in, err)
		}
	}
}

func TestHierarchy(t *testing.T) {
	tests := []struct {
		name, parent string
		inferior     bool
	}{
		{"a/b", "a", true},
		{"a/b/c", "a", true},
		{"ab", "a", false},
		{"a", "a", false},
		{"a/", "a", false},
		{"b/a", "a", false},
	}
	for _, tc := range tests {
		if got := IsInferior(tc.name, tc.parent); got != tc.inferior {
			t.Errorf("IsInferior(%q, %q) = %v", tc.name, tc.parent, got)
		}
	}
	for in, want := range map[string]string{"a/b/c": "a/b", "a": "", "INBOX/x": "INBOX"} {
		if got := Parent(in); got != want {
			t.Errorf("Parent(%q) = %q, want %q", in, got, want)
		}
	}
}
