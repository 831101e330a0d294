package server

import (
	"fmt"
	"strings"
	"testing"
)

// sortMsg is a message with the header fields SORT looks at.
func sortMsg(from, to, subject, date string, body int) string {
	return fmt.Sprintf("From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\n\r\n%s\r\n",
		from, to, subject, date, strings.Repeat("x", body))
}

// SORT (RFC 5256), SORT=DISPLAY (RFC 5957) and ESORT (RFC 5267).
func TestSort(t *testing.T) {
	e := newEnv(t, nil)
	c := e.dial()
	c.login("alice")
	for _, m := range []string{
		sortMsg("Zed <zed@example.com>", "bob@example.com", "Re: [list] Beta", "Mon, 7 Feb 1994 21:52:25 -0800", 300),
		sortMsg("adam@example.com", "Carl <carl@example.com>", "alpha", "Tue, 8 Feb 1994 08:00:00 +0100", 100),
		sortMsg("\"Bea Bee\" <Mike@example.com>", "ann@example.com", "Fwd: Gamma (fwd)", "Sun, 6 Feb 1994 10:00:00 +0000", 200),
		sortMsg("Carol <carol@example.com>", "dan@example.com", "beta", "Mon, 7 Feb 1994 21:52:25 -0800", 50),
	} {
		appendMsg(c, "INBOX", m)
	}
	c.mustOK("SELECT INBOX")
	caps := c.mustOK("CAPABILITY")[0] + " "
	for _, cp := range []string{" SORT ", " SORT=DISPLAY ", " ESORT "} {
		if !strings.Contains(caps, cp) {
			t.Errorf("CAPABILITY lacks%s", cp)
		}
	}
	tests := []struct{ cmd, want string }{
		{"SORT (SUBJECT) UTF-8 ALL", "* SORT 2 1 4 3"},              // alpha, beta (1 before 4: mailbox order), gamma
		{"SORT (SUBJECT REVERSE DATE) UTF-8 ALL", "* SORT 2 1 4 3"}, // equal dates keep mailbox order
		{"SORT (DATE) UTF-8 ALL", "* SORT 3 1 4 2"},
		{"SORT (REVERSE DATE) UTF-8 ALL", "* SORT 2 1 4 3"},
		{"SORT (SIZE) UTF-8 ALL", "* SORT 4 2 3 1"},
		{"SORT (FROM) UTF-8 ALL", "* SORT 2 4 3 1"},        // adam carol Mike zed
		{"SORT (DISPLAYFROM) UTF-8 ALL", "* SORT 2 3 4 1"}, // adam@… "Bea Bee" Carol Zed
		{"SORT (TO) UTF-8 ALL", "* SORT 3 1 2 4"},
		{"SORT (DISPLAYTO) UTF-8 ALL", "* SORT 3 1 2 4"}, // ann bob Carl dan
		{"SORT (ARRIVAL) UTF-8 ALL", "* SORT 1 2 3 4"},
		{"SORT (SIZE) UTF-8 NOT FROM zed", "* SORT 4 2 3"},
		{"UID SORT (REVERSE SIZE) UTF-8 ALL", "* SORT 1 3 2 4"},
	}
	for _, tt := range tests {
		if l := c.mustOK(tt.cmd); len(l) != 1 || l[0] != tt.want {
			t.Errorf("%s: %q, want %q", tt.cmd, l, tt.want)
		}
	}
	l := c.mustOK("SORT RETURN (MIN MAX COUNT ALL) (SIZE) UTF-8 ALL")
	if len(l) != 1 || !strings.HasSuffix(l[0], " MIN 4 MAX 1 ALL 4,2:3,1 COUNT 4") {
		t.Errorf("ESORT: %q", l)
	}
	if _, st := c.cmd("SORT (SIZE) ISO-8859-1 ALL"); !strings.HasPrefix(st, "NO [BADCHARSET") {
		t.Errorf("SORT with an unsupported charset: %q", st)
	}
	if _, st := c.cmd("SORT (NAME) UTF-8 ALL"); !strings.HasPrefix(st, "BAD") {
		t.Errorf("SORT by an unknown key: %q", st)
	}
}

// A session keeps the numeric sort keys it has loaded (sortNumbers):
// messages delivered or expunged since must show in the next SORT, and a
// narrow first SORT must not leave a cache with holes.
func TestSortNumbersCache(t *testing.T) {
	e := newEnv(t, nil)
	c := e.dial()
	c.login("alice")
	msg := func(body int) string {
		return sortMsg("a@example.com", "b@example.com", "s", "Mon, 7 Feb 1994 21:52:25 -0800", body)
	}
	for _, n := range []int{400, 100, 300, 200, 60, 70, 80, 90} {
		appendMsg(c, "INBOX", msg(n))
	}
	c.mustOK("SELECT INBOX")
	if l := c.mustOK("SORT (SIZE) UTF-8 LARGER 450"); len(l) != 1 || l[0] != "* SORT 1" {
		t.Fatalf("narrow SORT: %q", l)
	}
	if l := c.mustOK("SORT (SIZE) UTF-8 ALL"); len(l) != 1 || l[0] != "* SORT 5 6 7 8 2 4 3 1" {
		t.Fatalf("SORT after a narrow one: %q", l)
	}
	other := e.dial()
	other.login("alice")
	appendMsg(other, "INBOX", msg(50)) // UID 9
	other.mustOK("SELECT INBOX")
	other.mustOK("STORE 3 +FLAGS (\\Deleted)")
	other.mustOK("EXPUNGE") // UID 3, size 300
	c.mustOK("NOOP")
	for _, tt := range []struct{ cmd, want string }{
		{"SORT (SIZE) UTF-8 ALL", "* SORT 8 4 5 6 7 2 3 1"},
		{"UID SORT (SIZE) UTF-8 ALL", "* SORT 9 5 6 7 8 2 4 1"},
		{"UID SORT (REVERSE SIZE) UTF-8 ALL", "* SORT 1 4 2 8 7 6 5 9"},
		{"UID SORT (SIZE) UTF-8 UID 4:*", "* SORT 9 5 6 7 8 4"},
	} {
		if l := c.mustOK(tt.cmd); len(l) != 1 || l[0] != tt.want {
			t.Errorf("%s after a delivery and an expunge: %q, want %q", tt.cmd, l, tt.want)
		}
	}
}
