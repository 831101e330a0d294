package store

import (
	"fmt"
	"strings"

	"github.com/emersion/go-imap/v2"
)

// CanonicalSpecialUse validates special-use attributes (case-insensitive,
// as all IMAP attributes) and returns them canonically spelt, without
// duplicates, in SpecialUses order. Errors wrap ErrSpecialUse.
func CanonicalSpecialUse(attrs []imap.MailboxAttr) ([]imap.MailboxAttr, error) {
	has := make(map[imap.MailboxAttr]bool, len(attrs))
	for _, a := range attrs {
		found := false
		for _, su := range SpecialUses {
			if strings.EqualFold(string(a), string(su)) {
				has[su], found = true, true
			}
		}
		if !found {
			return nil, fmt.Errorf("attribute %q: %w", a, ErrSpecialUse)
		}
	}
	var out []imap.MailboxAttr
	for _, su := range SpecialUses {
		if has[su] {
			out = append(out, su)
		}
	}
	return out, nil
}
