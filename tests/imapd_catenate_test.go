package tests

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// CATENATE (RFC 4469) through master and a real imapd: a draft's header
// and first part joined with new text into a message in Sent, named by
// an absolute imap:// URL for the servername and by an absolute path;
// a stale UIDVALIDITY is NO [BADURL] and stores nothing. imaplib cannot
// send CATENATE, so the client is raw.
func TestImapdCatenate(t *testing.T) {
	e := startImapd(t, "")
	r := e.raw(t)
	r.line()
	r.send("a LOGIN alice wonderland")
	if l := r.until("a"); !strings.HasPrefix(l, "a OK") {
		t.Fatalf("LOGIN: %q", l)
	}
	r.send("b CAPABILITY")
	if l := r.line(); !strings.Contains(l+" ", " CATENATE ") {
		t.Fatalf("CAPABILITY: %q", l)
	}
	r.until("b")
	for _, m := range []string{"Drafts", "Sent"} {
		r.send("c CREATE " + m)
		if l := r.until("c"); !strings.HasPrefix(l, "c OK") {
			t.Fatalf("CREATE %s: %q", m, l)
		}
	}
	head := "From: alice@e2e.example\r\nSubject: draft\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n"
	part := "the text\r\n"
	draft := head + "--x\r\nContent-Type: text/plain\r\n\r\n" + part + "\r\n--x--\r\n"
	r.send(fmt.Sprintf("d APPEND Drafts {%d+}\r\n%s", len(draft), draft))
	l := r.until("d")
	m := regexp.MustCompile(`APPENDUID (\d+) 1\]`).FindStringSubmatch(l)
	if m == nil {
		t.Fatalf("APPEND draft: %q", l)
	}
	v := m[1]

	r.send(fmt.Sprintf(`f APPEND Sent CATENATE (URL "/Drafts;UIDVALIDITY=%d/;UID=1")`, mustAtoi(t, v)+1))
	if l := r.until("f"); !strings.HasPrefix(l, "f NO [BADURL /Drafts;UIDVALIDITY=") {
		t.Fatalf("stale UIDVALIDITY: %q", l)
	}
	text := "Comment: forwarded\r\n\r\n"
	r.send(fmt.Sprintf(`g APPEND Sent CATENATE (URL "imap://alice@e2e.example/Drafts;UIDVALIDITY=%s/;UID=1/;SECTION=HEADER.FIELDS%%20(From%%20Subject)" TEXT {%d+}`+"\r\n%s"+` URL "/Drafts/;UID=1/;SECTION=1")`,
		v, len(text), text))
	if l := r.until("g"); !strings.HasPrefix(l, "g OK [APPENDUID ") || !strings.HasSuffix(strings.Fields(l)[4], "1]") {
		t.Fatalf("CATENATE: %q", l)
	}
	r.send("h EXAMINE Sent")
	if l := r.until("h"); !strings.Contains(l, "OK") {
		t.Fatalf("EXAMINE: %q", l)
	}
	r.send("i UID FETCH 1:* BODY.PEEK[]")
	l = r.line()
	lm := regexp.MustCompile(`^\* 1 FETCH .*\{(\d+)\}$`).FindStringSubmatch(l)
	if lm == nil {
		t.Fatalf("FETCH: %q", l)
	}
	body := make([]byte, mustAtoi(t, lm[1]))
	if _, err := io.ReadFull(r.br, body); err != nil {
		t.Fatal(err)
	}
	if l := r.until("i"); !strings.HasPrefix(l, "i OK") {
		t.Fatalf("FETCH: %q (only one message expected in Sent)", l)
	}
	want := "From: alice@e2e.example\r\nSubject: draft\r\n\r\n" + text + part
	if string(body) != want {
		t.Errorf("catenated message:\n%q\nwant\n%q", body, want)
	}
}

func mustAtoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
