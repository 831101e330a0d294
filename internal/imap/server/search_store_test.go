package server

import (
	"strings"
	"testing"
)

// TestSearchStorePath checks searches answered by the store's query (flag,
// keyword and size keys) against what the evaluator would say: sequence
// sets, \Recent, keyword case, pending expunges and mixed keys.
func TestSearchStorePath(t *testing.T) {
	e := newEnv(t, nil)
	c := e.dial()
	c.login("alice")
	for i := range 5 {
		appendMsg(c, "INBOX", strings.Replace(testMsg, "needle", strings.Repeat("x", i*100), 1))
	}
	c.mustOK("SELECT INBOX")
	c.mustOK(`STORE 2,4 +FLAGS (\Seen $Label)`)
	tests := []struct{ query, want string }{
		{"SEARCH UNSEEN", "* SEARCH 1 3 5"},
		{"SEARCH SEEN", "* SEARCH 2 4"},
		{"SEARCH UNSEEN 2:*", "* SEARCH 3 5"},
		{"UID SEARCH UNSEEN UID 1:3", "* SEARCH 1 3"},
		{"SEARCH KEYWORD $label", "* SEARCH 2 4"},
		{"SEARCH UNKEYWORD $LABEL FLAGGED", "* SEARCH 1 3 5"},
		{"SEARCH LARGER 400 UNSEEN", "* SEARCH 5"},
		{"SEARCH SMALLER 300 SEEN", "* SEARCH 2"},
		// Mixed with keys only the evaluator knows.
		{"SEARCH UNSEEN RECENT", "* SEARCH 1 3 5"},
		{"SEARCH SEEN NOT RECENT", "* SEARCH"},
		{"SEARCH UNSEEN BODY xxxx", "* SEARCH 3 5"},
		{"SEARCH UNSEEN OR 1 5", "* SEARCH 1 5"},
		{"SEARCH KEYWORD nosuchkeyword", "* SEARCH"},
	}
	for _, tt := range tests {
		l := c.mustOK(tt.query)
		if len(l) != 1 || l[0] != tt.want {
			t.Errorf("%s: %q, want %q", tt.query, l, tt.want)
		}
	}

	// An expunge by another session stays pending for this one: the
	// message keeps its number and is not found (RFC 9051 §7.5.1).
	d := e.dial()
	d.login("alice")
	d.mustOK("SELECT INBOX")
	d.mustOK(`STORE 3 +FLAGS (\Deleted)`)
	d.mustOK("EXPUNGE")
	if l := c.mustOK("SEARCH UNSEEN"); len(l) != 1 || l[0] != "* SEARCH 1 5" {
		t.Errorf("SEARCH UNSEEN with a pending expunge: %q", l)
	}
}
