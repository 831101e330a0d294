package wire

import (
	"bytes"
	"strings"
	"testing"
)

func TestParseGetMetadata(t *testing.T) {
	tests := []struct {
		args    string
		mbox    string
		entries string
		max     int64
		depth   int
		ok      bool
	}{
		{`INBOX /private/comment`, "INBOX", "/private/comment", 0, 0, true},
		{`(MAXSIZE 1024 DEPTH infinity) "" (/shared/comment /private/x)`, "", "/shared/comment /private/x", 1024, -1, true},
		{`(DEPTH 1) INBOX /shared`, "INBOX", "/shared", 0, 1, true},
		{`(DEPTH 2) INBOX /shared`, "", "", 0, 0, false},
		{`(FOO 1) INBOX /shared`, "", "", 0, 0, false},
		{`INBOX`, "", "", 0, 0, false},
		{`INBOX ()`, "", "", 0, 0, false},
	}
	for _, tt := range tests {
		g, err := ParseGetMetadata(decoderFor(t, "GETMETADATA", tt.args))
		if (err == nil) != tt.ok {
			t.Errorf("%q: %v", tt.args, err)
			continue
		}
		if err != nil {
			continue
		}
		if string(g.Mailbox) != tt.mbox || strings.Join(g.Entries, " ") != tt.entries || g.MaxSize != tt.max || g.Depth != tt.depth {
			t.Errorf("%q: %+v", tt.args, g)
		}
	}
}

func TestParseSetMetadata(t *testing.T) {
	s, err := ParseSetMetadata(decoderFor(t, "SETMETADATA", "INBOX (/private/comment \"My comment\" /shared/x NIL /shared/y {3}\r\nabc)"))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Values) != 3 || string(s.Values[0].Value) != "My comment" || s.Values[1].Value != nil || string(s.Values[2].Value) != "abc" {
		t.Errorf("%+v", s)
	}
	for _, bad := range []string{`INBOX /private/comment "x"`, `INBOX (/private/comment)`, `INBOX ()`} {
		if _, err := ParseSetMetadata(decoderFor(t, "SETMETADATA", bad)); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestWriteMetadata(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b)
	w.Metadata("INBOX", []MetadataValue{{"/private/comment", []byte("My comment")}, {"/shared/e", []byte("two\r\nlines")}})
	w.Flush()
	want := "* METADATA INBOX (/private/comment \"My comment\" /shared/e {10}\r\ntwo\r\nlines)\r\n"
	if b.String() != want {
		t.Errorf("got %q\nwant %q", b.String(), want)
	}
}

func TestParseListMetadata(t *testing.T) {
	l, err := ParseList(decoderFor(t, "LIST", `"" "*" RETURN (CHILDREN METADATA (/shared/comment "/private/x"))`))
	if err != nil || strings.Join(l.Metadata, " ") != "/shared/comment /private/x" || !l.Options.ReturnChildren {
		t.Errorf("LIST RETURN METADATA: %+v, %v", l, err)
	}
	for _, bad := range []string{`"" "*" RETURN (METADATA ())`, `"" "*" RETURN (METADATA /x)`, `"" "*" RETURN (METADATA (/a) METADATA (/b))`} {
		if _, err := ParseList(decoderFor(t, "LIST", bad)); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
