package store

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/emersion/go-imap/v2"
)

// AllRights are Cyrus's ACL right letters in canonical order (RFC 4314
// §2.1 plus Cyrus's 'n' for annotations, RFC 5464 §6.3). The digits 0-9
// (RFC 4314 §2.1: rights reserved for the site) are accepted as well.
const AllRights = "lrswipkxtecdan"

// ACL maps an identifier (a user, "anyone", "anonymous", "group:name", or
// the negative form "-name" of RFC 4314 §2) to its rights. The store keeps
// and returns ACLs only; checking rights is the IMAP layer's job.
type ACL map[imap.RightsIdentifier]imap.RightSet

// OwnerRights are the rights a new top-level mailbox grants its owner, as
// Cyrus grants a user on their own mailboxes (all rights).
var OwnerRights = imap.RightSet(AllRights)

// CanonicalRights validates a rights string and returns it without
// duplicates, letters in AllRights order then digits. Errors wrap
// ErrInvalidRights.
func CanonicalRights(r imap.RightSet) (imap.RightSet, error) {
	var has [128]bool
	for _, c := range r {
		if c >= 128 || !(strings.IndexByte(AllRights, byte(c)) >= 0 || c >= '0' && c <= '9') {
			return nil, fmt.Errorf("right %q: %w", rune(c), ErrInvalidRights)
		}
		has[c] = true
	}
	out := make(imap.RightSet, 0, len(r))
	for _, c := range AllRights + "0123456789" {
		if has[c] {
			out = append(out, imap.Right(c))
		}
	}
	return out, nil
}

// ModifyRights applies a SETACL modification (RFC 4314 §3.1: replace, "+"
// add, "-" remove) to cur and returns the canonical result.
func ModifyRights(cur imap.RightSet, mod imap.RightModification, r imap.RightSet) (imap.RightSet, error) {
	r, err := CanonicalRights(r)
	if err != nil {
		return nil, err
	}
	switch mod {
	case imap.RightModificationReplace:
		return r, nil
	case imap.RightModificationAdd:
		return CanonicalRights(cur.Add(r))
	case imap.RightModificationRemove:
		return CanonicalRights(cur.Remove(r))
	}
	return nil, fmt.Errorf("rights modification %q: %w", byte(mod), ErrInvalidRights)
}

// CheckIdentifier validates an ACL identifier: 1..MaxUserName+1 bytes of
// UTF-8 without control characters. Errors wrap ErrInvalidName.
func CheckIdentifier(id imap.RightsIdentifier) error {
	s := string(id)
	if s == "" || len(s) > MaxUserName+1 || !utf8.ValidString(s) {
		return fmt.Errorf("identifier %q: %w", s, ErrInvalidName)
	}
	for _, r := range s {
		if isControl(r) {
			return fmt.Errorf("identifier %q: control character: %w", s, ErrInvalidName)
		}
	}
	return nil
}
