package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// MetadataEntry is one METADATA entry (RFC 5464) of a mailbox or of the
// server. Name is canonical (see CanonicalMetadataEntry); a nil Value in a
// SetMetadata call removes the entry (NIL in RFC 5464 §4.3).
type MetadataEntry struct {
	Name  string
	Value []byte
}

// Prefixes of the two metadata scopes (RFC 5464 §3.2): a /private entry
// has one value per user, a /shared entry one value for all.
const (
	MetadataPrivate = "/private/"
	MetadataShared  = "/shared/"
)

// MaxMetadataEntry bounds an entry name in bytes.
const MaxMetadataEntry = 1024

// CanonicalMetadataEntry validates an entry name and returns it in lower
// case, since entry names are case-insensitive (RFC 5464 §3.2). The rules
// are RFC 5464 §3.2's: it starts with /private/ or /shared/ and has a
// further component, 7-bit characters above 0x19, no '*' or '%', no "//",
// no trailing '/'. Errors wrap ErrInvalidName.
func CanonicalMetadataEntry(name string) (string, error) {
	n := strings.ToLower(name)
	if len(n) > MaxMetadataEntry {
		return "", fmt.Errorf("metadata entry %q: longer than %d: %w", name, MaxMetadataEntry, ErrInvalidName)
	}
	if !strings.HasPrefix(n, MetadataPrivate) && !strings.HasPrefix(n, MetadataShared) {
		return "", fmt.Errorf("metadata entry %q: not under /private or /shared: %w", name, ErrInvalidName)
	}
	if strings.HasSuffix(n, "/") || strings.Contains(n, "//") {
		return "", fmt.Errorf("metadata entry %q: empty component: %w", name, ErrInvalidName)
	}
	for i := 0; i < len(n); i++ {
		if c := n[i]; c <= 0x19 || c >= 0x7f || c == '*' || c == '%' {
			return "", fmt.Errorf("metadata entry %q: character %q not allowed: %w", name, c, ErrInvalidName)
		}
	}
	return n, nil
}

// IsPrivateMetadata reports whether a canonical entry name is per-user.
func IsPrivateMetadata(name string) bool {
	return strings.HasPrefix(name, MetadataPrivate)
}

// MailboxFacts are what Cyrus's computed /shared/vendor/cmu/cyrus-imapd
// entries show of a mailbox beyond its Status.
type MailboxFacts struct {
	// LastUpdate is when the mailbox last changed (a message added,
	// flagged or expunged, an entry set); zero when the store no longer
	// knows (its change log was pruned).
	LastUpdate time.Time
	// AnnotationBytes is the size of the values of all the mailbox's
	// entries, every user's /private ones included (Cyrus's annotsize,
	// what its X-ANNOTATION-STORAGE quota counts).
	AnnotationBytes int64
}

// FactsReader is implemented by a Mailbox that can tell its
// MailboxFacts.
type FactsReader interface {
	MetadataFacts(ctx context.Context) (MailboxFacts, error)
}
