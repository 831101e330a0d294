package server

import (
	"fmt"
	"strings"

	"github.com/emersion/go-imap/v2"
)

// rights is a set of ACL rights (RFC 4314 §2.1) as a bit mask: Cyrus's
// letters lrswipkxtean and the site rights 0-9. The obsolete c and d
// (RFC 4314 §2.1.1) are macros over k/x and t/e: they are expanded when
// read and added back when shown, never kept.
type rights uint32

const (
	rightLookup     rights = 1 << iota // l: LIST sees it
	rightRead                          // r: SELECT, STATUS, FETCH, SEARCH, COPY from
	rightSeen                          // s: keep \Seen
	rightWrite                         // w: other flags and keywords
	rightInsert                        // i: APPEND, COPY into
	rightPost                          // p: send mail to the submission address
	rightCreate                        // k: CREATE children, RENAME into
	rightDeleteMbox                    // x: DELETE, RENAME away
	rightDeleteMsg                     // t: \Deleted
	rightExpunge                       // e: EXPUNGE
	rightAdmin                         // a: SETACL, GETACL, LISTRIGHTS
	rightAnnotate                      // n: annotations (RFC 5257)
	rightSite0                         // '0'; '1'..'9' follow
)

// letterOrder are the rights' letters in bit order, Cyrus's order.
const letterOrder = "lrswipkxtean0123456789"

// allRights is every right (Cyrus's ACL_FULL).
const allRights = rights(1)<<len(letterOrder) - 1

// Cyrus's legacy macros with its default deleteright "c": c is the
// create right k plus the delete-mailbox right x, d the delete right t
// plus e. RIGHTS=kxten says that these are separate rights here.
const (
	macroCreate = rightCreate | rightDeleteMbox
	macroDelete = rightDeleteMsg | rightExpunge
)

// ownerImplicit are the rights the owner of a mailbox always has,
// whatever its ACL says: Cyrus's implicit_owner_rights default "lkxan".
const ownerImplicit = rightLookup | rightCreate | rightDeleteMbox | rightAdmin | rightAnnotate

// adminImplicit: as Cyrus, a user listed in admins may look up and
// administer every mailbox, but must grant itself anything else (x to
// delete a user, r to read).
const adminImplicit = rightLookup | rightAdmin

// errUnknownRight is a letter outside Cyrus's set.
type errUnknownRight byte

func (e errUnknownRight) Error() string {
	return fmt.Sprintf("The %c right is not supported", byte(e))
}

// parseRights reads a rights string as Cyrus does (cyrus_acl_strtomask):
// each letter sets its right; c and d stand for all their members, but
// only when the string names none of those members itself (RFC 4314
// §2.1.1 asks clients to send both). An unknown letter is an error.
func parseRights(s string) (rights, error) {
	var r, legacy rights
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case 'c':
			legacy |= macroCreate
		case 'd':
			legacy |= macroDelete
		default:
			n := strings.IndexByte(letterOrder, c)
			if n < 0 {
				return 0, errUnknownRight(c)
			}
			r |= 1 << n
		}
	}
	if legacy&macroCreate != 0 && r&macroCreate == 0 {
		r |= macroCreate
	}
	if legacy&macroDelete != 0 && r&macroDelete == 0 {
		r |= macroDelete
	}
	return r, nil
}

// storedRights reads rights as the store keeps them, skipping what it
// does not know rather than failing: a stored ACL must never lock its
// mailbox.
func storedRights(set imap.RightSet) rights {
	var kept []byte
	for _, r := range set {
		c := byte(r)
		if c == 'c' || c == 'd' || strings.IndexByte(letterOrder, c) >= 0 {
			kept = append(kept, c)
		}
	}
	r, _ := parseRights(string(kept))
	return r
}

// String shows rights as Cyrus sends them in ACL, MYRIGHTS and LIST
// responses: lrswipkxte, then c if k or x is set and d if t or e is
// (RFC 4314 §2.1.1 requires both), then a, n and the digits.
func (r rights) String() string {
	var b strings.Builder
	for i := 0; i < len(letterOrder); i++ {
		if r&(1<<i) != 0 {
			b.WriteByte(letterOrder[i])
		}
		if letterOrder[i] == 'e' {
			if r&macroCreate != 0 {
				b.WriteByte('c')
			}
			if r&macroDelete != 0 {
				b.WriteByte('d')
			}
		}
	}
	return b.String()
}

// letters returns the rights without the virtual c and d, the form the
// store keeps.
func (r rights) letters() imap.RightSet {
	var out imap.RightSet
	for i := 0; i < len(letterOrder); i++ {
		if r&(1<<i) != 0 {
			out = append(out, imap.Right(letterOrder[i]))
		}
	}
	return out
}

// has reports whether r holds every right of need.
func (r rights) has(need rights) bool { return r&need == need }
