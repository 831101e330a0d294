package server

import (
	"regexp"
	"strings"
	"testing"
)

// Cyrus 3.6's vendor entries, compared with what Debian's Cyrus 3.6.1
// answered to the same commands (bench/peers -serve cyrus): the rows
// are its answers, its NIL placeholders for unset entries aside.
func TestMetadataCyrusEntries(t *testing.T) {
	e := newEnv(t, nil)
	c := e.dial()
	c.login("alice")
	msg := "Subject: x\r\n\r\nhello\r\n"
	appendMsg(c, "INBOX", msg)
	l := c.mustOK(`GETMETADATA (DEPTH infinity) INBOX /shared/vendor/cmu/cyrus-imapd`)
	if len(l) != 1 {
		t.Fatalf("GETMETADATA: %q", l)
	}
	st := c.mustOK("STATUS INBOX (MAILBOXID)")
	id := regexp.MustCompile(`MAILBOXID \(([^)]+)\)`).FindStringSubmatch(strings.Join(st, " "))
	if id == nil {
		t.Fatalf("STATUS: %q", st)
	}
	want := `^\* METADATA INBOX \(/shared/vendor/cmu/cyrus-imapd/annotsize "0" /shared/vendor/cmu/cyrus-imapd/duplicatedeliver "false" ` +
		`/shared/vendor/cmu/cyrus-imapd/lastupdate "[ 123]\d-[A-Z][a-z]{2}-\d{4} \d\d:\d\d:\d\d [+-]\d{4}" /shared/vendor/cmu/cyrus-imapd/partition "default" ` +
		`/shared/vendor/cmu/cyrus-imapd/sharedseen "false" /shared/vendor/cmu/cyrus-imapd/size "` + itoa(len(msg)) + `" /shared/vendor/cmu/cyrus-imapd/uniqueid "` + id[1] + `"\)$`
	if !regexp.MustCompile(want).MatchString(l[0]) {
		t.Errorf("vendor entries:\n%s\nwant\n%s", l[0], want)
	}
	for _, tt := range []struct{ cmd, status string }{
		{`SETMETADATA INBOX (/shared/vendor/cmu/cyrus-imapd/size "5")`, "NO [NOPERM] Permission denied"},
		{`SETMETADATA INBOX (/shared/vendor/cmu/cyrus-imapd/expire "30")`, "OK"},
		{`SETMETADATA INBOX (/shared/vendor/cmu/cyrus-imapd/sharedseen "true")`, "OK"},
		{`SETMETADATA INBOX (/shared/vendor/cmu/cyrus-imapd/duplicatedeliver "true")`, "OK"},
		{`SETMETADATA INBOX (/shared/vendor/cmu/cyrus-imapd/lastupdate "x")`, "NO [NOPERM] Permission denied"},
		{`SETMETADATA INBOX (/shared/vendor/cmu/cyrus-imapd/uniqueid "x")`, "NO [NOPERM] Permission denied"},
		{`SETMETADATA INBOX (/shared/vendor/cmu/cyrus-imapd/partition "x")`, "NO [NOPERM] Permission denied"},
		{`SETMETADATA INBOX (/shared/vendor/cmu/cyrus-imapd/annotsize "x")`, "NO [NOPERM] Permission denied"},
		{`SETMETADATA INBOX (/shared/vendor/cmu/cyrus-imapd/foo "x")`, "NO [NOPERM] Permission denied"},
		{`SETMETADATA INBOX (/private/vendor/cmu/cyrus-imapd/expire "7")`, "NO [NOPERM] Permission denied"},
		{`SETMETADATA INBOX (/shared/vendor/cmu/cyrus-imapd/sharedseen "yes")`, "NO Invalid annotation value"},
		{`SETMETADATA INBOX (/shared/vendor/cmu/cyrus-imapd/expire "abc")`, "NO Invalid annotation value"},
		{`SETMETADATA "" (/shared/vendor/cmu/cyrus-imapd/shutdown "x")`, "NO [NOPERM] Permission denied"},
		{`SETMETADATA INBOX (/shared/comment "hello")`, "OK"},
	} {
		if _, st := c.cmd(tt.cmd); !strings.HasPrefix(st, tt.status) {
			t.Errorf("%s: %q, want %q", tt.cmd, st, tt.status)
		}
	}
	for _, tt := range []struct{ cmd, want, status string }{
		// The stored values; annotsize counts "30" and "hello", not the
		// two options (Cyrus: 7).
		{`GETMETADATA INBOX (/shared/vendor/cmu/cyrus-imapd/sharedseen /shared/vendor/cmu/cyrus-imapd/expire /shared/vendor/cmu/cyrus-imapd/annotsize)`,
			`* METADATA INBOX (/shared/vendor/cmu/cyrus-imapd/annotsize "7" /shared/vendor/cmu/cyrus-imapd/expire "30" /shared/vendor/cmu/cyrus-imapd/sharedseen "true")`, "OK"},
		// RFC 5464 §4.2.1 MAXSIZE: lastupdate is 26 octets, as Cyrus says.
		{`GETMETADATA (MAXSIZE 5) INBOX (/shared/vendor/cmu/cyrus-imapd/size /shared/vendor/cmu/cyrus-imapd/lastupdate)`,
			`* METADATA INBOX (/shared/vendor/cmu/cyrus-imapd/size "` + itoa(len(msg)) + `")`, "OK [METADATA LONGENTRIES 26]"},
		// RFC 5464 §4.2.2 DEPTH 1 below the tree's parent: no entry there.
		{`GETMETADATA (DEPTH 1) INBOX /shared/vendor/cmu`, "", "OK"},
	} {
		l, st := c.cmd(tt.cmd)
		if strings.Join(l, "\n") != tt.want || !strings.HasPrefix(st, tt.status) {
			t.Errorf("%s:\n%q %q\nwant %q %q", tt.cmd, l, st, tt.want, tt.status)
		}
	}
	c.mustOK(`SETMETADATA INBOX (/shared/vendor/cmu/cyrus-imapd/sharedseen NIL /shared/vendor/cmu/cyrus-imapd/expire NIL)`)
	if l := c.mustOK(`GETMETADATA INBOX (/shared/vendor/cmu/cyrus-imapd/sharedseen /shared/vendor/cmu/cyrus-imapd/expire)`); len(l) != 1 ||
		l[0] != `* METADATA INBOX (/shared/vendor/cmu/cyrus-imapd/sharedseen "false")` {
		t.Errorf("after NIL: %q", l)
	}
}

// LIST-METADATA (RFC 9590) shows the computed entries like stored ones,
// as Cyrus does for each listed mailbox.
func TestListMetadataCyrus(t *testing.T) {
	e := newEnv(t, nil)
	c := e.dial()
	c.login("alice")
	c.mustOK("CREATE Work")
	l := c.mustOK(`LIST "" "*" RETURN (METADATA (/shared/vendor/cmu/cyrus-imapd/size /shared/vendor/cmu/cyrus-imapd/partition))`)
	want := []string{
		`* LIST (\HasNoChildren) "/" INBOX`,
		`* METADATA INBOX (/shared/vendor/cmu/cyrus-imapd/partition "default" /shared/vendor/cmu/cyrus-imapd/size "0")`,
		`* LIST (\HasNoChildren) "/" Work`,
		`* METADATA Work (/shared/vendor/cmu/cyrus-imapd/partition "default" /shared/vendor/cmu/cyrus-imapd/size "0")`,
	}
	if strings.Join(l, "\n") != strings.Join(want, "\n") {
		t.Errorf("LIST RETURN (METADATA):\n%s\nwant\n%s", strings.Join(l, "\n"), strings.Join(want, "\n"))
	}
}

func TestWantsCyrus(t *testing.T) {
	for _, tt := range []struct {
		wanted []string
		want   bool
	}{
		{[]string{"/shared"}, true},
		{[]string{"/shared/vendor/cmu/"}, true},
		{[]string{"/shared/vendor/cmu/cyrus-imapd/size"}, true},
		{[]string{"/SHARED/Vendor/CMU/cyrus-imapd"}, true},
		{[]string{"/private/comment", "/shared/comment"}, false},
		{[]string{"/shared/vendor/cmux"}, false},
	} {
		if got := wantsCyrus(tt.wanted); got != tt.want {
			t.Errorf("wantsCyrus(%q) = %v, want %v", tt.wanted, got, tt.want)
		}
	}
}
