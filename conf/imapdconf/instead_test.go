package imapdconf

import (
	"strings"
	"testing"
)

// TestInsteadNotes checks that every ignored key's warning says what
// Corvus does in its place: the key's own note where it has one, else
// insteadDefault.
func TestInsteadNotes(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{"umask: 077\n", "0640"},
		{"imap_umask: 077\n", "0640"}, // service-prefixed: the base name's note
		{"hashimapspool: true\n", "<letter>/user/<name>"},
		{"sievedir: /var/spool/sieve\n", "no Sieve"},
		{"tls_session_timeout: 1440\n", "tickets"},
		{"newsspool: /var/spool/news\n", "no NNTP"},     // unknown to Cyrus 3
		{"sync_host: replica\n", insteadDefault},        // not implemented
		{"flushseenstate: 1\n", insteadDefault},         // deprecated, no replacement
		{"sasl_foo_bar: 1\n", insteadDefault},           // SASL library option
		{"metapartition-default: /m\n", insteadDefault}, // family
		{"confgdirectory: /x\n", insteadDefault},        // misspelt
	}
	for _, tt := range tests {
		_, diags := parseTest(t, tt.src)
		if len(diags) != 1 {
			t.Errorf("%q: %d diagnostics, want 1: %v", tt.src, len(diags), diags)
			continue
		}
		if d := diags[0].Detail; !strings.Contains(d, tt.want) || !strings.Contains(d, "Instead, Corvus") {
			t.Errorf("%q: detail %q lacks %q", tt.src, d, tt.want)
		}
	}
}

// TestInsteadNotesAreForIgnoredKeys keeps the table honest: a key Corvus
// comes to implement must lose its note, which would otherwise never be
// shown and would mislead a reader of this file.
func TestInsteadNotesAreForIgnoredKeys(t *testing.T) {
	for key, note := range insteadNotes {
		if r := classify(key); r.kind != kindIgnored {
			t.Errorf("%q has a note but Corvus implements it", key)
		}
		if !strings.HasPrefix(note, "Instead, Corvus") && !strings.Contains(note, " Instead, Corvus") {
			t.Errorf("note of %q does not say what Corvus does instead: %q", key, note)
		}
	}
}
