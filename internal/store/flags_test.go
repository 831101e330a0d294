package store

import (
	"errors"
	"slices"
	"testing"

	"github.com/emersion/go-imap/v2"
)

func TestCanonicalFlag(t *testing.T) {
	tests := []struct {
		in   imap.Flag
		want imap.Flag
		ok   bool
	}{
		{`\seen`, imap.FlagSeen, true},
		{`\ANSWERED`, imap.FlagAnswered, true},
		{`\Flagged`, imap.FlagFlagged, true},
		{`\deleted`, imap.FlagDeleted, true},
		{`\Draft`, imap.FlagDraft, true},
		{`$Forwarded`, `$Forwarded`, true},
		{`NonJunk`, `NonJunk`, true},
		{`\Recent`, "", false},
		{`\*`, "", false},
		{`\Custom`, "", false},
		{``, "", false},
		{`two words`, "", false},
		{`par(en`, "", false},
		{`brace{`, "", false},
		{`wild*`, "", false},
		{`wild%`, "", false},
		{`quo"te`, "", false},
		{`back\slash`, "", false},
		{`brack]et`, "", false},
		{"ctl\x01", "", false},
		{"nön-ascii", "", false},
	}
	for _, tc := range tests {
		got, err := CanonicalFlag(tc.in)
		if tc.ok != (err == nil) || got != tc.want {
			t.Errorf("CanonicalFlag(%q) = %q, %v; want %q ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
		if err != nil && !errors.Is(err, ErrInvalidFlag) {
			t.Errorf("CanonicalFlag(%q) error %v is not ErrInvalidFlag", tc.in, err)
		}
	}
}

func TestCanonicalFlags(t *testing.T) {
	got, err := CanonicalFlags([]imap.Flag{`\seen`, "$Junk", `\SEEN`, "$JUNK", "x"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []imap.Flag{imap.FlagSeen, "$Junk", "x"}; !slices.Equal(got, want) {
		t.Errorf("CanonicalFlags = %q, want %q", got, want)
	}
	if _, err := CanonicalFlags([]imap.Flag{"ok", "not ok"}); !errors.Is(err, ErrInvalidFlag) {
		t.Errorf("invalid flag in list: %v", err)
	}
	if !IsSystemFlag(`\dRaFt`) || IsSystemFlag("$Draft") {
		t.Error("IsSystemFlag")
	}
	if KeywordKey("$MDNSent") != "$mdnsent" {
		t.Error("KeywordKey")
	}
}
