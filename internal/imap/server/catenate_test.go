package server

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// catSource is a two-part message as in RFC 4469's example: a draft
// whose header, parts and part headers CATENATE reuses.
const (
	catHeader = "From: Alice <alice@example.com>\r\nTo: bob@example.com\r\nSubject: Draft\r\n" +
		"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
	catMIME1   = "Content-Type: text/plain; charset=us-ascii\r\n\r\n"
	catBody1   = "Hello, this is the text.\r\n"
	catMIME2   = "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
	catBody2   = "aGVsbG8gd29ybGQ=\r\n"
	catSource  = catHeader + "--b1\r\n" + catMIME1 + catBody1 + "\r\n--b1\r\n" + catMIME2 + catBody2 + "\r\n--b1--\r\n"
	catBadSpec = "NO [BADURL "
)

// catEnv logs alice in with the draft in Drafts and returns Drafts'
// UIDVALIDITY.
func catEnv(t *testing.T, tweak func(o *Options)) (*client, string) {
	e := newEnv(t, tweak)
	c := e.dial()
	c.login("alice")
	c.mustOK("CREATE Drafts")
	c.mustOK("CREATE Sent")
	st := appendMsg(c, "Drafts", catSource)
	return c, regexp.MustCompile(`APPENDUID (\d+) `).FindStringSubmatch(st)[1]
}

// fetchBody returns BODY.PEEK[] of message uid in the selected mailbox.
func fetchBody(c *client, uid string) string {
	c.t.Helper()
	c.n++
	tag := fmt.Sprintf("t%d", c.n)
	c.send(tag + " UID FETCH " + uid + " BODY.PEEK[]")
	l := c.line()
	m := regexp.MustCompile(`\{(\d+)\}$`).FindStringSubmatch(l)
	if m == nil {
		c.t.Fatalf("FETCH: %q", l)
	}
	n, _ := strconv.Atoi(m[1])
	buf := make([]byte, n)
	if _, err := io.ReadFull(c.br, buf); err != nil {
		c.t.Fatal(err)
	}
	if _, st := c.until(tag); !strings.HasPrefix(st, "OK") {
		c.t.Fatalf("FETCH: %q", st)
	}
	return string(buf)
}

// appendedUIDs is the uid-set of an APPENDUID answer.
func appendedUIDs(t *testing.T, st string) string {
	t.Helper()
	m := regexp.MustCompile(`^OK \[APPENDUID \d+ ([0-9:,]+)\]`).FindStringSubmatch(st)
	if m == nil {
		t.Fatalf("APPEND: %q", st)
	}
	return m[1]
}

// RFC 4469's example adapted: header and parts of a draft reused with
// new boundary text in between give the draft back octet for octet.
func TestCatenateReassemble(t *testing.T) {
	c, v := catEnv(t, nil)
	base := "/Drafts;UIDVALIDITY=" + v + "/;UID=1"
	text := func(s string) string { return fmt.Sprintf("TEXT {%d+}\r\n%s", len(s), s) }
	cmd := "APPEND Sent (\\Seen) CATENATE (URL \"" + base + "/;SECTION=HEADER\" " + text("--b1\r\n") +
		" URL \"" + base + "/;SECTION=1.MIME\" URL \"" + base + "/;SECTION=1\" " + text("\r\n--b1\r\n") +
		" URL \"" + base + "/;section=2.mime\" url \"" + base + "/;SECTION=2\" " + text("\r\n--b1--\r\n") + ")"
	_, st := c.cmd(cmd)
	uid := appendedUIDs(t, st)
	c.mustOK("SELECT Sent")
	if got := fetchBody(c, uid); got != catSource {
		t.Errorf("reassembled:\n%q\nwant\n%q", got, catSource)
	}
}

// A URL's forms (RFC 5092, RFC 4469 §3) and what each gives.
func TestCatenateURLForms(t *testing.T) {
	c, v := catEnv(t, nil)
	c.mustOK("SELECT Drafts")
	tests := []struct {
		url, want string
	}{
		{"/Drafts/;UID=1", catSource},
		{"/Drafts;UIDVALIDITY=" + v + "/;UID=1/;SECTION=1", catBody1},
		{"/%44rafts/;UID=1/;SECTION=2.MIME", catMIME2},
		{"imap://alice@test.example/Drafts/;UID=1/;SECTION=HEADER.FIELDS%20(Subject)", "Subject: Draft\r\n\r\n"},
		{"imap://;AUTH=*@TEST.EXAMPLE:143/Drafts/;UID=1/;SECTION=1", catBody1},
		{"imap://test.example/Drafts;UIDVALIDITY=" + v + "/;UID=1/;PARTIAL=6.5", "Alice"},
		{";UID=1/;SECTION=2", catBody2},
		{"/Drafts/;UID=1/;SECTION=1/;PARTIAL=7", "this is the text.\r\n"},
	}
	for _, tc := range tests {
		_, st := c.cmd(fmt.Sprintf("APPEND Sent CATENATE (TEXT {3+}\r\nX:  URL %q)", tc.url))
		uid := appendedUIDs(t, st)
		c.mustOK("EXAMINE Sent")
		if got := fetchBody(c, uid); got != "X: "+tc.want {
			t.Errorf("%s: %q, want %q", tc.url, got, "X: "+tc.want)
		}
		c.mustOK("SELECT Drafts")
	}
	// The URL as a literal, which the APPEND hook spools.
	url := "/Drafts/;UID=1/;SECTION=1"
	_, st := c.cmd(fmt.Sprintf("APPEND Sent CATENATE (TEXT {3+}\r\nX:  URL {%d+}\r\n%s)", len(url), url))
	uid := appendedUIDs(t, st)
	c.mustOK("EXAMINE Sent")
	if got := fetchBody(c, uid); got != "X: "+catBody1 {
		t.Errorf("URL literal: %q", got)
	}
}

// URLs that do not resolve fail the whole APPEND with BADURL; malformed
// ones are BAD; nothing is stored either way.
func TestCatenateBadURL(t *testing.T) {
	c, v := catEnv(t, nil)
	tests := []struct {
		url, want string
	}{
		{"/Drafts;UIDVALIDITY=1/;UID=1", catBadSpec + "/Drafts;UIDVALIDITY=1/;UID=1]"},
		{"/Drafts;UIDVALIDITY=" + v + "/;UID=2", catBadSpec},
		{"/Drafts/;UID=1/;SECTION=3", catBadSpec},
		{"/Drafts/;UID=1/;SECTION=1.TEXT", catBadSpec},
		{"/Nowhere/;UID=1", catBadSpec + "/Nowhere/;UID=1]"},
		{"/Other%20Users/bob/INBOX/;UID=1", catBadSpec + "/Other%20Users/bob/INBOX/;UID=1]"},
		{"imap://alice@elsewhere.example/Drafts/;UID=1", catBadSpec},
		{"imap://bob@test.example/Drafts/;UID=1", catBadSpec},
		{"/Drafts/;UID=1;URLAUTH=anonymous:internal:0123", catBadSpec},
		{";UID=1", catBadSpec}, // relative, but nothing selected
		{"/Drafts/;UID=1/;SECTION=%5D", "BAD"},
		{"Drafts/;UID=1", "BAD"},
		{"/Drafts;UIDVALIDITY=x/;UID=1", "BAD"},
		{"/Drafts/;UID=0", "BAD"},
		{"/Drafts/;UID=1/;SECTION=BOGUS", "BAD"},
		{"/Drafts/;UID=1/;PARTIAL=x", "BAD"},
		{"/Drafts/;UID=1/;FOO=1", "BAD"},
		{"/Dr%4/;UID=1", "BAD"},
		{"http://test.example/", "BAD"},
	}
	for _, tc := range tests {
		_, st := c.cmd(fmt.Sprintf("APPEND Sent CATENATE (TEXT {3+}\r\nX:  URL %q)", tc.url))
		if !strings.HasPrefix(st, tc.want) {
			t.Errorf("%s: %q, want %q", tc.url, st, tc.want)
		}
	}
	// MULTIAPPEND is all or nothing: a good message before the bad URL
	// is not kept.
	_, st := c.cmd("APPEND Sent CATENATE (URL \"/Drafts/;UID=1\") CATENATE (URL \"/Drafts/;UID=9\")")
	if !strings.HasPrefix(st, catBadSpec+"/Drafts/;UID=9]") {
		t.Errorf("MULTIAPPEND with a bad URL: %q", st)
	}
	if l := c.mustOK("STATUS Sent (MESSAGES)"); !hasLine(l, "MESSAGES 0") {
		t.Errorf("failed CATENATEs stored something: %q", l)
	}
}

// The source needs r (checked as every command checks it), the target i.
func TestCatenateRights(t *testing.T) {
	e := newEnv(t, nil)
	bob := e.dial()
	bob.login("bob")
	for _, m := range []string{"Shared", "Private", "Drop"} {
		bob.mustOK("CREATE " + m)
		appendMsg(bob, m, catSource)
	}
	bob.mustOK("SETACL Shared alice lr")
	bob.mustOK("SETACL Private alice l")
	bob.mustOK("SETACL Drop alice lr")
	alice := e.dial()
	alice.login("alice")
	tests := []struct {
		target, url, want string
	}{
		{"INBOX", "/Other%20Users/bob/Shared/;UID=1/;SECTION=1", "OK [APPENDUID "},
		{"INBOX", "/Other%20Users/bob/Private/;UID=1", catBadSpec},
		{`"Other Users/bob/Drop"`, "/INBOX/;UID=1", "NO [NOPERM]"},
	}
	for _, tc := range tests {
		_, st := alice.cmd(fmt.Sprintf("APPEND %s CATENATE (URL %q)", tc.target, tc.url))
		if !strings.HasPrefix(st, tc.want) {
			t.Errorf("%s from %s: %q, want %q", tc.target, tc.url, st, tc.want)
		}
	}
	alice.mustOK("SELECT INBOX")
	if got := fetchBody(alice, "1"); got != catBody1 {
		t.Errorf("from bob's Shared: %q", got)
	}
}

// maxmessagesize holds for the assembled message; a large one goes
// through a spool file; MULTIAPPEND takes CATENATE messages.
func TestCatenateSizes(t *testing.T) {
	c, _ := catEnv(t, func(o *Options) { o.MaxMessageSize = int64(2*len(catSource) + 10) })
	_, st := c.cmd(`APPEND Sent CATENATE (URL "/Drafts/;UID=1" URL "/Drafts/;UID=1" URL "/Drafts/;UID=1")`)
	if !strings.HasPrefix(st, "NO [TOOBIG]") {
		t.Errorf("over maxmessagesize: %q", st)
	}
	_, st = c.cmd(`APPEND Sent CATENATE (URL "/Drafts/;UID=1" URL "/Drafts/;UID=1") () CATENATE (URL "/Drafts/;UID=1/;SECTION=1")`)
	if uids := appendedUIDs(t, st); uids != "1:2" {
		t.Errorf("MULTIAPPEND: %q", st)
	}

	c, _ = catEnv(t, nil)
	big := strings.Repeat("0123456789abcde\r\n", 6000) // > mapThreshold
	_, st = c.cmd(fmt.Sprintf("APPEND Sent CATENATE (URL \"/Drafts/;UID=1/;SECTION=HEADER\" TEXT {%d+}\r\n%s URL \"/Drafts/;UID=1/;SECTION=1\")", len(big), big))
	uid := appendedUIDs(t, st)
	c.mustOK("SELECT Sent")
	if got, want := fetchBody(c, uid), catHeader+big+catBody1; got != want {
		t.Errorf("large CATENATE: %d octets, want %d", len(got), len(want))
	}
	// The result is checked as a plain APPEND's: no bare newlines.
	if _, st := c.cmd("APPEND Sent CATENATE (URL \"/Drafts/;UID=1\" TEXT {3+}\r\na\nb)"); !strings.HasPrefix(st, "NO") {
		t.Errorf("bare LF: %q", st)
	}
}
