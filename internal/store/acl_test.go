package store

import (
	"errors"
	"testing"

	"github.com/emersion/go-imap/v2"
)

func TestCanonicalRights(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"rl", "lr", true},
		{"nadcetxkpiwsrl", AllRights, true},
		{"llrr", "lr", true},
		{"9l0", "l09", true},
		{"", "", true},
		{"lZ", "", false},
		{"l ", "", false},
		{"lé", "", false},
	}
	for _, tc := range tests {
		got, err := CanonicalRights(imap.RightSet(tc.in))
		if tc.ok != (err == nil) || string(got) != tc.want {
			t.Errorf("CanonicalRights(%q) = %q, %v; want %q ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
		if err != nil && !errors.Is(err, ErrInvalidRights) {
			t.Errorf("CanonicalRights(%q) error %v", tc.in, err)
		}
	}
}

func TestModifyRights(t *testing.T) {
	tests := []struct {
		cur  string
		mod  imap.RightModification
		r    string
		want string
	}{
		{"lr", imap.RightModificationReplace, "sw", "sw"},
		{"lr", imap.RightModificationAdd, "sw", "lrsw"},
		{"lrsw", imap.RightModificationRemove, "rx", "lsw"},
		{"lr", imap.RightModificationRemove, "lr", ""},
	}
	for _, tc := range tests {
		got, err := ModifyRights(imap.RightSet(tc.cur), tc.mod, imap.RightSet(tc.r))
		if err != nil || string(got) != tc.want {
			t.Errorf("ModifyRights(%q %c %q) = %q, %v; want %q", tc.cur, tc.mod, tc.r, got, err, tc.want)
		}
	}
	if _, err := ModifyRights(imap.RightSet("l"), '?', imap.RightSet("r")); !errors.Is(err, ErrInvalidRights) {
		t.Errorf("bad modification: %v", err)
	}
	for id, ok := range map[imap.RightsIdentifier]bool{"alice": true, "-bob": true, "group:staff": true, "": false, "a\nb": false} {
		if err := CheckIdentifier(id); ok != (err == nil) {
			t.Errorf("CheckIdentifier(%q) = %v", id, err)
		}
	}
}
