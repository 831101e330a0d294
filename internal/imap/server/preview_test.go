package server

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPreviewText(t *testing.T) {
	long := strings.Repeat("wörd ", 100)
	tests := []struct{ body, want string }{
		{"Hello  there,\r\n\r\nsee you\ttomorrow.\r\n", "Hello there, see you tomorrow."},
		{"Yes.\r\n> old text\r\n>> older\r\nThanks\r\n-- \r\nSig line\r\n", "Yes. Thanks"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := preview(tt.body); got != tt.want {
			t.Errorf("preview(%q) = %q, want %q", tt.body, got, tt.want)
		}
	}
	got := preview(long)
	if n := utf8.RuneCountInString(got); n > previewMax || n < previewMax-5 || !utf8.ValidString(got) {
		t.Errorf("long preview has %d characters (valid UTF-8: %v)", n, utf8.ValidString(got))
	}
}

// FETCH PREVIEW (RFC 8970) over IMAP, plain and HTML.
func TestFetchPreview(t *testing.T) {
	e := newEnv(t, nil)
	c := e.dial()
	c.login("alice")
	appendMsg(c, "INBOX", testMsg)
	appendMsg(c, "INBOX", "Subject: html\r\nContent-Type: text/html\r\n\r\n<html><body><p>Big <b>news</b> today</p></body></html>\r\n")
	c.mustOK("SELECT INBOX")
	if caps := c.mustOK("CAPABILITY"); !strings.Contains(caps[0], " PREVIEW") {
		t.Errorf("CAPABILITY lacks PREVIEW")
	}
	l := c.mustOK("FETCH 1:2 (PREVIEW)")
	if len(l) != 2 || l[0] != `* 1 FETCH (PREVIEW "Body text with needle inside.")` || !strings.Contains(l[1], `PREVIEW "Big news today"`) {
		t.Errorf("FETCH PREVIEW: %q", l)
	}
	if l := c.mustOK("FETCH 1 (PREVIEW (LAZY))"); len(l) != 1 || !strings.Contains(l[0], "needle") {
		t.Errorf("FETCH PREVIEW (LAZY): %q", l)
	}
	// PREVIEW is a FETCH item that never sets \Seen.
	if l := c.mustOK("FETCH 1 (FLAGS)"); strings.Contains(l[0], `\Seen`) {
		t.Errorf("PREVIEW set \\Seen: %q", l)
	}
}
