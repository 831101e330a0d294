package wire

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"
)

// catPartView is what a test checks of a CatPart.
type catPartView struct {
	url  string // URL text, or "" for TEXT
	text string // TEXT octets
}

func viewParts(ps []CatPart) []catPartView {
	var out []catPartView
	for _, p := range ps {
		if p.IsURL {
			out = append(out, catPartView{url: string(p.URL)})
			continue
		}
		out = append(out, catPartView{text: string(p.Literal.Data)})
	}
	return out
}

func TestParseAppendCatenate(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want [][]catPartView // per message
	}{
		{"RFC 4469 example", "A003 APPEND Drafts (\\Seen \\Draft $MDNSent) CATENATE " +
			"(URL \"/Drafts;UIDVALIDITY=385759045/;UID=20/;SECTION=HEADER\" TEXT {42}\r\n" +
			"\r\n--------------030308070208000400050907\r\n URL \"/Drafts;UIDVALIDITY=385759045/;UID=20/;SECTION=1.MIME\" " +
			"URL \"/Drafts;UIDVALIDITY=385759045/;UID=20/;SECTION=1\" TEXT {4}\r\nabcd)\r\n",
			[][]catPartView{{{url: "/Drafts;UIDVALIDITY=385759045/;UID=20/;SECTION=HEADER"},
				{text: "\r\n--------------030308070208000400050907\r\n"},
				{url: "/Drafts;UIDVALIDITY=385759045/;UID=20/;SECTION=1.MIME"},
				{url: "/Drafts;UIDVALIDITY=385759045/;UID=20/;SECTION=1"}, {text: "abcd"}}}},
		{"atom URL, lower case", "a append INBOX catenate (url /INBOX/;UID=1 text {1+}\r\nx)\r\n",
			[][]catPartView{{{url: "/INBOX/;UID=1"}, {text: "x"}}}},
		{"URL as literal", "a APPEND INBOX CATENATE (URL {13+}\r\n/INBOX/;UID=1)\r\n",
			[][]catPartView{{{url: "/INBOX/;UID=1"}}}},
		{"literal8 TEXT", "a APPEND INBOX CATENATE (TEXT ~{3+}\r\na\x00b)\r\n",
			[][]catPartView{{{text: "a\x00b"}}}},
		{"MULTIAPPEND mix", "a APPEND INBOX {2+}\r\nhi CATENATE (TEXT {2+}\r\nyo) () CATENATE (URL \";UID=3\")\r\n",
			[][]catPartView{nil, {{text: "yo"}}, {{url: ";UID=3"}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := ParseAppend(readOne(t, tc.raw).Decoder())
			if err != nil {
				t.Fatalf("ParseAppend: %v", err)
			}
			if len(a.Messages) != len(tc.want) {
				t.Fatalf("%d messages, want %d", len(a.Messages), len(tc.want))
			}
			for i, m := range a.Messages {
				if got := viewParts(m.Catenate); !reflect.DeepEqual(got, tc.want[i]) {
					t.Errorf("message %d: %+v, want %+v", i, got, tc.want[i])
				}
				if (m.Literal == nil) != (tc.want[i] != nil) {
					t.Errorf("message %d: Literal %v with %d parts", i, m.Literal, len(m.Catenate))
				}
			}
		})
	}
}

func TestParseAppendCatenateIndex(t *testing.T) {
	a, err := ParseAppend(readOne(t, "a APPEND INBOX {1+}\r\nx CATENATE (URL \"u\" TEXT {1+}\r\ny URL {1+}\r\nz)\r\n").Decoder())
	if err != nil {
		t.Fatal(err)
	}
	ps := a.Messages[1].Catenate
	if a.Messages[0].Index != 0 || ps[1].Index != 1 || ps[2].Index != 2 || string(ps[2].URL) != "z" {
		t.Errorf("indexes: %d %+v", a.Messages[0].Index, ps)
	}
}

func TestParseAppendCatenateBad(t *testing.T) {
	for _, raw := range []string{
		"a APPEND INBOX CATENATE ()\r\n",
		"a APPEND INBOX CATENATE\r\n",
		"a APPEND INBOX CATENATE (TEXT)\r\n",
		"a APPEND INBOX CATENATE (TEXT \"x\")\r\n",
		"a APPEND INBOX CATENATE (URL)\r\n",
		"a APPEND INBOX CATENATE (URL ~{1+}\r\nx)\r\n",
		"a APPEND INBOX CATENATE (URL {1+}\r\n\x00)\r\n",
		"a APPEND INBOX CATENATE (FOO \"x\")\r\n",
		"a APPEND INBOX CATENATE (URL \"x\"\r\n",
		"a APPEND INBOX CATENATE (URL \"x\")x\r\n",
		"a APPEND INBOX CATENATE (URL \"x\"  URL \"y\")\r\n",
		"a APPEND INBOX UTF8 CATENATE (URL \"x\")\r\n",
		"a APPEND INBOX CATENATE(URL \"x\")\r\n",
	} {
		if a, err := ParseAppend(readOne(t, raw).Decoder()); err == nil {
			t.Errorf("%q: accepted as %+v", raw, a)
		}
	}
}

func TestParseAppendCatenateStreamed(t *testing.T) {
	var sinks []*bytes.Buffer
	opts := ReaderOptions{LiteralPlus: true, Literal: func(LiteralInfo) (io.Writer, error) {
		b := &bytes.Buffer{}
		sinks = append(sinks, b)
		return b, nil
	}}
	raw := "a APPEND INBOX CATENATE (TEXT {2+}\r\nab URL {3+}\r\n/x/)\r\n"
	cmd, err := NewReader(strings.NewReader(raw), opts).ReadCommand()
	if err != nil {
		t.Fatal(err)
	}
	a, err := ParseAppend(cmd.Decoder())
	if err != nil {
		t.Fatal(err)
	}
	ps := a.Messages[0].Catenate
	if len(ps) != 2 || !ps[1].IsURL || ps[1].URL != nil || ps[1].Literal == nil || !ps[1].Literal.Streamed ||
		ps[1].Index != 1 || sinks[1].String() != "/x/" {
		t.Errorf("streamed URL: %+v", ps)
	}
}

func TestParseSection(t *testing.T) {
	tests := []struct {
		spec string
		want *imap.FetchItemBodySection
		ok   bool
	}{
		{"", &imap.FetchItemBodySection{}, true},
		{"HEADER", &imap.FetchItemBodySection{Specifier: imap.PartSpecifierHeader}, true},
		{"text", &imap.FetchItemBodySection{Specifier: imap.PartSpecifierText}, true},
		{"1.2", &imap.FetchItemBodySection{Part: []int{1, 2}}, true},
		{"1.MIME", &imap.FetchItemBodySection{Part: []int{1}, Specifier: imap.PartSpecifierMIME}, true},
		{"HEADER.FIELDS (From To)", &imap.FetchItemBodySection{Specifier: imap.PartSpecifierHeader, HeaderFields: []string{"From", "To"}}, true},
		{"MIME", nil, false},
		{"0", nil, false},
		{"1.", nil, false},
		{"HEADER]x", nil, false},
		{"BOGUS", nil, false},
		{"]", nil, false},
	}
	for _, tc := range tests {
		got, err := ParseSection([]byte(tc.spec))
		if (err == nil) != tc.ok {
			t.Errorf("%q: err %v", tc.spec, err)
			continue
		}
		if tc.ok && !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: %+v, want %+v", tc.spec, got, tc.want)
		}
		var se *SyntaxError
		if err != nil && !errors.As(err, &se) {
			t.Errorf("%q: error %T is no SyntaxError", tc.spec, err)
		}
	}
}

// FuzzParseCatenate frames "APPEND INBOX CATENATE" with arbitrary
// arguments and parses it: it must never panic, and what parses must
// have at least one part per CATENATE message.
func FuzzParseCatenate(f *testing.F) {
	for _, s := range []string{
		"(TEXT {1+}\r\nx URL \"/INBOX;UIDVALIDITY=1/;UID=2/;SECTION=1.MIME\")",
		"(URL {3+}\r\n/a/ TEXT ~{2+}\r\n\x00a) CATENATE (URL x)",
		"(URL \"a\\\"b\")", "()", "(TEXT {99}\r\n)", "(url a url b)",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		raw := append([]byte("a APPEND INBOX CATENATE "), data...)
		raw = append(raw, "\r\n"...)
		cmd, err := NewReader(bytes.NewReader(raw), fuzzOptions).ReadCommand()
		if err != nil {
			return
		}
		a, err := ParseAppend(cmd.Decoder())
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("non-syntax error %v", err)
			}
			return
		}
		for _, m := range a.Messages {
			if m.Literal == nil && len(m.Catenate) == 0 {
				t.Fatalf("message with neither literal nor parts: %+v", m)
			}
		}
	})
}

// FuzzParseSection: no panic, and a parsed section's part numbers are
// all positive.
func FuzzParseSection(f *testing.F) {
	for _, s := range []string{"", "1.2.MIME", "HEADER.FIELDS.NOT (A B)", "TEXT", "3.HEADER", "1.", "HEADER.FIELDS ({1}"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, spec []byte) {
		sec, err := ParseSection(spec)
		if err != nil {
			return
		}
		for _, n := range sec.Part {
			if n < 1 {
				t.Fatalf("part %v from %q", sec.Part, spec)
			}
		}
	})
}
