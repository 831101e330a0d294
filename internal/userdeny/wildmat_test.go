package userdeny

import "testing"

func TestWildmat(t *testing.T) {
	tests := []struct {
		list, s string
		want    bool
	}{
		{"*", "imap", true},
		{"*", "", true},
		{"", "imap", false},
		{"imap", "imap", true},
		{"imap", "imaps", false},
		{"imap*", "imaps", true},
		{"imap,pop3", "pop3", true},
		{"imap,pop3", "lmtp", false},
		{"*,!imaps", "imaps", false},
		{"*,!imaps", "imap", true},
		{"!imaps,*", "imaps", true}, // the last match decides
		{"!imap", "imap", false},
		{"!imap", "pop3", false}, // nothing matched positively
		{"im?p", "imap", true},
		{"im?p", "imp", false},
		{"[il]map", "lmap", true},
		{"[^i]map", "imap", false},
		{"[a-c]x", "bx", true},
		{"[a-c]x", "dx", false},
		{"a\\,b", "a,b", true},
		{"a\\*", "a*", true},
		{"a\\*", "ab", false},
		{"*a*b*c", "xaybzc", true},
		{"*a*b*c", "xaybz", false},
		{"[abc", "[abc", true},
	}
	for _, tt := range tests {
		if got := Wildmat(tt.list, tt.s); got != tt.want {
			t.Errorf("Wildmat(%q, %q) = %v, want %v", tt.list, tt.s, got, tt.want)
		}
	}
}

// FuzzWildmat: no panic, and "*" and a literal service always behave.
func FuzzWildmat(f *testing.F) {
	for _, s := range [][2]string{{"*", "imap"}, {"[a-", "a"}, {"\\", "\\"}, {"!*,", ""}, {"*?*?[!x]", "abc"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, list, s string) {
		Wildmat(list, s)
		if !Wildmat("*", s) {
			t.Fatalf("* did not match %q", s)
		}
	})
}
