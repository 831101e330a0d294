package store

import (
	"fmt"
	"strings"

	"github.com/emersion/go-imap/v2"
)

// SystemFlags are the settable system flags of RFC 9051 §2.3.2, in the
// order backends report them. \Recent is not among them: it cannot be
// stored (RFC 3501 §2.3.2) and IMAP4rev2 dropped it.
var SystemFlags = []imap.Flag{imap.FlagSeen, imap.FlagAnswered, imap.FlagFlagged, imap.FlagDeleted, imap.FlagDraft}

// MaxKeyword bounds a keyword's length in bytes.
const MaxKeyword = 255

// CanonicalFlag validates a flag for storing and returns its canonical
// spelling. System flags compare case-insensitively (RFC 9051 §2.3.2) and
// come back in the spelling of imap.FlagSeen and friends. A keyword must be
// an atom (RFC 9051 §9: no atom-specials, no '\\'); it comes back as given,
// and backends compare keywords with KeywordKey, so "$junk" and "$Junk"
// are the same keyword. Errors wrap ErrInvalidFlag.
func CanonicalFlag(f imap.Flag) (imap.Flag, error) {
	s := string(f)
	if strings.HasPrefix(s, `\`) {
		for _, sf := range SystemFlags {
			if strings.EqualFold(s, string(sf)) {
				return sf, nil
			}
		}
		return "", fmt.Errorf("flag %q cannot be stored: %w", s, ErrInvalidFlag)
	}
	if s == "" || len(s) > MaxKeyword {
		return "", fmt.Errorf("keyword %q: length out of 1..%d: %w", s, MaxKeyword, ErrInvalidFlag)
	}
	for i := 0; i < len(s); i++ {
		if !isAtomChar(s[i]) {
			return "", fmt.Errorf("keyword %q: character %q not allowed: %w", s, s[i], ErrInvalidFlag)
		}
	}
	return f, nil
}

// isAtomChar is RFC 9051's ATOM-CHAR: any 7-bit CHAR except atom-specials
// ( ) { SP CTL % * " \ ].
func isAtomChar(c byte) bool {
	if c <= 0x20 || c >= 0x7f {
		return false
	}
	return !strings.ContainsRune(`(){%*"\]`, rune(c))
}

// IsSystemFlag reports whether f is one of SystemFlags (any case).
func IsSystemFlag(f imap.Flag) bool {
	for _, sf := range SystemFlags {
		if strings.EqualFold(string(f), string(sf)) {
			return true
		}
	}
	return false
}

// KeywordKey is the comparison key of a keyword: IMAP keywords are
// case-insensitive (RFC 9051 §2.3.2), and being atoms they are ASCII, so
// ASCII lower case is exact.
func KeywordKey(f imap.Flag) string {
	return strings.ToLower(string(f))
}

// CanonicalFlags applies CanonicalFlag to each flag and drops duplicates
// (keywords compared by KeywordKey, the first spelling kept).
func CanonicalFlags(flags []imap.Flag) ([]imap.Flag, error) {
	out := make([]imap.Flag, 0, len(flags))
	seen := make(map[string]bool, len(flags))
	for _, f := range flags {
		c, err := CanonicalFlag(f)
		if err != nil {
			return nil, err
		}
		k := KeywordKey(c)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, c)
	}
	return out, nil
}
