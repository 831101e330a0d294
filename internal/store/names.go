package store

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Separator is the hierarchy separator of the store's mailbox names. The
// IMAP layer maps it to the client's view (unixhierarchysep, altnamespace,
// the "user/" and "Other Users" namespaces); the store only ever sees '/'.
const Separator = '/'

// Inbox is the canonical name of every account's INBOX. RFC 9051 §5.1:
// the name INBOX is case-insensitive; every other name is case-sensitive.
const Inbox = "INBOX"

// MaxMailboxName bounds a mailbox name in bytes, as Cyrus's
// MAX_MAILBOX_NAME (490).
const MaxMailboxName = 490

// MaxUserName bounds a user name in bytes: it becomes one path component
// (two with a domain), and file systems limit a component to 255 bytes.
const MaxUserName = 255

// CheckUser reports (wrapping ErrInvalidName) whether user is acceptable as
// an account name. The rules keep every user name a harmless path
// component: no '/', '\\' or NUL, no control characters, no leading '.',
// no "..", valid UTF-8, at most MaxUserName bytes. "local@domain" (Cyrus's
// virtdomains) is accepted, with the same rules for each part, at most one
// '@', and a domain of letters, digits, '-' and '.'.
func CheckUser(user string) error {
	if len(user) == 0 || len(user) > MaxUserName {
		return fmt.Errorf("user name %q: length %d out of 1..%d: %w", user, len(user), MaxUserName, ErrInvalidName)
	}
	local, domain, hasDomain := strings.Cut(user, "@")
	if err := checkUserPart(local); err != nil {
		return fmt.Errorf("user name %q: %v: %w", user, err, ErrInvalidName)
	}
	if !hasDomain {
		return nil
	}
	if err := checkDomain(domain); err != nil {
		return fmt.Errorf("user name %q: %v: %w", user, err, ErrInvalidName)
	}
	return nil
}

// checkUserPart checks the local part of a user name.
func checkUserPart(s string) error {
	switch {
	case s == "":
		return fmt.Errorf("empty")
	case s[0] == '.':
		return fmt.Errorf("leading '.'")
	case strings.Contains(s, ".."):
		return fmt.Errorf("contains \"..\"")
	case !utf8.ValidString(s):
		return fmt.Errorf("not UTF-8")
	}
	for _, r := range s {
		if isControl(r) || strings.ContainsRune("/\\@%*", r) {
			return fmt.Errorf("character %q not allowed", r)
		}
	}
	return nil
}

// checkDomain checks the domain of a "local@domain" user name.
func checkDomain(d string) error {
	switch {
	case d == "":
		return fmt.Errorf("empty domain")
	case d[0] == '.' || d[0] == '-':
		return fmt.Errorf("domain starts with %q", d[0])
	case strings.Contains(d, ".."):
		return fmt.Errorf("domain contains \"..\"")
	}
	for i := 0; i < len(d); i++ {
		c := d[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
		if !ok {
			return fmt.Errorf("domain character %q not allowed", c)
		}
	}
	return nil
}

// isControl reports C0 and C1 control characters and DEL.
func isControl(r rune) bool {
	return r < 0x20 || r >= 0x7f && r <= 0x9f
}

// CanonicalMailbox validates a mailbox name and returns its canonical
// spelling: a first component equal to INBOX in any case becomes "INBOX"
// (RFC 9051 §5.1). Names are UTF-8 with '/' as separator; they never reach
// the file system, but the store still refuses what no client can mean:
// empty components (leading, trailing or doubled '/'), control characters,
// the LIST wildcards '%' and '*' (RFC 9051 §6.3.9), invalid UTF-8, and
// names over MaxMailboxName bytes. Errors wrap ErrInvalidName.
func CanonicalMailbox(name string) (string, error) {
	if len(name) == 0 || len(name) > MaxMailboxName {
		return "", fmt.Errorf("mailbox name %q: length %d out of 1..%d: %w", name, len(name), MaxMailboxName, ErrInvalidName)
	}
	if !utf8.ValidString(name) {
		return "", fmt.Errorf("mailbox name %q: not UTF-8: %w", name, ErrInvalidName)
	}
	for _, r := range name {
		if isControl(r) || r == '%' || r == '*' {
			return "", fmt.Errorf("mailbox name %q: character %q not allowed: %w", name, r, ErrInvalidName)
		}
	}
	if name[0] == Separator || name[len(name)-1] == Separator || strings.Contains(name, "//") {
		return "", fmt.Errorf("mailbox name %q: empty hierarchy level: %w", name, ErrInvalidName)
	}
	first, rest, more := strings.Cut(name, string(Separator))
	if strings.EqualFold(first, Inbox) {
		if !more {
			return Inbox, nil
		}
		return Inbox + string(Separator) + rest, nil
	}
	return name, nil
}

// IsInferior reports whether name lies strictly below parent in the
// hierarchy ("a/b" is inferior to "a", "ab" is not).
func IsInferior(name, parent string) bool {
	return len(name) > len(parent)+1 && name[len(parent)] == Separator && strings.HasPrefix(name, parent)
}

// Parent returns the name one level up, or "" at the top.
func Parent(name string) string {
	i := strings.LastIndexByte(name, Separator)
	if i < 0 {
		return ""
	}
	return name[:i]
}
