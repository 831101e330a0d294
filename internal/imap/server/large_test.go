package server

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

// TestLargeMessageRoundTrip appends a message far larger than the
// response buffer: APPEND parses it from its mapped spool file, FETCH
// sends it from the mapped message file as one literal, byte for byte,
// and SEARCH BODY reads it too.
func TestLargeMessageRoundTrip(t *testing.T) {
	e := newEnv(t, nil)
	c := e.dial()
	c.login("alice")
	var b strings.Builder
	b.WriteString("From: a@example.com\r\nSubject: big\r\n\r\n")
	for i := 0; b.Len() < 3<<20; i++ {
		fmt.Fprintf(&b, "line %07d of a large message body\r\n", i)
	}
	b.WriteString("the needle at the end\r\n")
	msg := b.String()
	appendMsg(c, "INBOX", msg)
	c.mustOK("SELECT INBOX")
	if l := c.mustOK("SEARCH BODY needle"); len(l) != 1 || l[0] != "* SEARCH 1" {
		t.Fatalf("SEARCH BODY: %q", l)
	}
	c.send("f FETCH 1 BODY.PEEK[]")
	head := c.line()
	want := fmt.Sprintf("* 1 FETCH (BODY[] {%d}", len(msg))
	if head != want {
		t.Fatalf("FETCH header %q, want %q", head, want)
	}
	c.c.SetReadDeadline(time.Now().Add(10 * time.Second))
	got := make([]byte, len(msg))
	if _, err := io.ReadFull(c.br, got); err != nil {
		t.Fatal(err)
	}
	if string(got) != msg {
		t.Fatal("FETCH BODY[] differs from what was appended")
	}
	if l := c.line(); l != ")" {
		t.Fatalf("after the literal: %q", l)
	}
	if l := c.line(); !strings.HasPrefix(l, "f OK") {
		t.Fatalf("tagged: %q", l)
	}
}
