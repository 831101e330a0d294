package server

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
)

// commandFor frames one command line as the session's reader does.
func commandFor(tb testing.TB, line string) *wire.Command {
	tb.Helper()
	r := wire.NewReader(bytes.NewReader([]byte(line+"\r\n")), wire.ReaderOptions{
		LiteralPlus: true, Continue: func() error { return nil }})
	cmd, err := r.ReadCommand()
	if err != nil {
		return nil
	}
	return cmd
}

// The ACL commands' arguments (RFC 4314 §7), including the examples of
// RFC 4314 §3.
func TestParseACLArgs(t *testing.T) {
	tests := []struct {
		line    string
		mailbox string
		id      string
		mod     imap.RightModification
		rights  string
		ok      bool
	}{
		{"a SETACL INBOX/Drafts Chris +cda", "INBOX/Drafts", "Chris", imap.RightModificationAdd, "cda", true},
		{"a SETACL INBOX Fred rwipslxetad", "INBOX", "Fred", imap.RightModificationReplace, "rwipslxetad", true},
		{`a SETACL "Other Users/bob" -alice -w`, "Other Users/bob", "-alice", imap.RightModificationRemove, "w", true},
		{`a SETACL x anyone ""`, "x", "anyone", imap.RightModificationReplace, "", true},
		{"a SETACL x {5+}\r\nChris lr", "x", "Chris", imap.RightModificationReplace, "lr", true},
		{"a SETACL x Chris", "", "", 0, "", false},
		{"a SETACL x Chris lr extra", "", "", 0, "", false},
		{"a SETACL", "", "", 0, "", false},
	}
	for _, tt := range tests {
		cmd := commandFor(t, tt.line)
		if cmd == nil {
			t.Fatalf("%q not framed", tt.line)
		}
		p, err := parseSetACL(cmd.Decoder())
		if !tt.ok {
			if err == nil {
				t.Errorf("%q accepted", tt.line)
			}
			continue
		}
		if err != nil || string(p.mailbox) != tt.mailbox || p.id != tt.id || p.mod != tt.mod || p.rights != tt.rights {
			t.Errorf("%q: %+v, %v", tt.line, p, err)
		}
	}
	for _, tt := range []struct {
		line string
		ok   bool
	}{
		{"a DELETEACL INBOX/Drafts Chris", true},
		{"a LISTRIGHTS ~/Mail/saved smith", true},
		{"a DELETEACL INBOX", false},
		{"a DELETEACL INBOX a b", false},
	} {
		_, _, err := parseMailboxIdentifier(commandFor(t, tt.line).Decoder())
		if (err == nil) != tt.ok {
			t.Errorf("%q: %v", tt.line, err)
		}
	}
	for _, tt := range []struct {
		line string
		ok   bool
	}{
		{"a GETACL INBOX", true},
		{`a MYRIGHTS "Other Users/bob"`, true},
		{"a GETACL", false},
		{"a GETACL a b", false},
	} {
		_, err := parseMailboxOnly(commandFor(t, tt.line).Decoder())
		if (err == nil) != tt.ok {
			t.Errorf("%q: %v", tt.line, err)
		}
	}
}

// FuzzACLArgs: the ACL argument parsers never panic, and what SETACL
// accepts reads back the same when sent again as literals.
func FuzzACLArgs(f *testing.F) {
	for _, s := range []string{"INBOX Fred rwipslxetad", "INBOX/Drafts Chris +cda", `"a b" -x -lr`,
		`x anyone ""`, "x {3+}\r\nabc lr", "x", ""} {
		f.Add(s)
	}
	lit := func(s string) string { return fmt.Sprintf("{%d+}\r\n%s", len(s), s) }
	f.Fuzz(func(t *testing.T, args string) {
		cmd := commandFor(t, "a SETACL "+args)
		if cmd == nil {
			return
		}
		parseMailboxIdentifier(cmd.Decoder())
		parseMailboxOnly(cmd.Decoder())
		p, err := parseSetACL(cmd.Decoder())
		if err != nil {
			return
		}
		mod := p.rights
		if p.mod != imap.RightModificationReplace {
			mod = string(rune(p.mod)) + mod
		}
		again := commandFor(t, "a SETACL "+lit(string(p.mailbox))+" "+lit(p.id)+" "+lit(mod))
		if again == nil {
			t.Fatalf("%q: re-sent command not framed", args)
		}
		q, err := parseSetACL(again.Decoder())
		if err != nil || string(q.mailbox) != string(p.mailbox) || q.id != p.id || q.mod != p.mod || q.rights != p.rights {
			t.Fatalf("%q: %+v, then %+v, %v", args, p, q, err)
		}
	})
}
