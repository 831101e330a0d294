package mime

import (
	"reflect"
	"strings"
	"testing"
)

func TestHeaderValues(t *testing.T) {
	raw := []byte("Subject: =?utf-8?q?caf=C3=A9?=\r\nX-Tag: one\r\nx-tag:  two\r\n\tfolded\r\nX-Empty:\r\n\r\nX-Tag: body\r\n")
	s := Parse(raw)
	tests := []struct {
		field string
		want  []string
	}{
		{"subject", []string{"café"}},
		{"X-TAG", []string{"one", "two\tfolded"}},
		{"X-Empty", []string{""}},
		{"X-Missing", nil},
	}
	for _, tt := range tests {
		if got := s.HeaderValues(raw, tt.field); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("HeaderValues(%q) = %q, want %q", tt.field, got, tt.want)
		}
	}
	if got := s.HeaderValues(raw[:10], "subject"); got != nil {
		t.Errorf("HeaderValues on the wrong message = %q, want nil", got)
	}
}

func TestHeaderText(t *testing.T) {
	raw := []byte("Subject: =?utf-8?q?caf=C3=A9?=\r\nTo: a\r\n b\r\n\r\nbody")
	if got, want := Parse(raw).HeaderText(raw), "Subject: café\nTo: a b\n"; got != want {
		t.Errorf("HeaderText = %q, want %q", got, want)
	}
}

func TestBodyText(t *testing.T) {
	tests := []struct {
		file     string
		contains []string
		absent   []string
	}{
		// Quoted-printable UTF-8 decoded; HTML tags gone, entities decoded.
		{"alternative.eml", []string{"Grüße aus München", "werden muss", "& mehr"}, []string{"<p>", "=C3"}},
		// The attachment is not text; its base64 is not searched.
		{"mixed.eml", []string{"See the attached report."}, []string{"JVBERi0"}},
		// The forwarded message's header and both alternatives.
		{"nested.eml", []string{"See below.", "Subject: Meeting notes", "Notes: all good."}, []string{"<p>", "--inner"}},
		{"8bit_headers.eml", []string{"Grüße!"}, nil},
	}
	for _, tt := range tests {
		raw := load(t, tt.file)
		got := Parse(raw).BodyText(raw)
		for _, c := range tt.contains {
			if !strings.Contains(got, c) {
				t.Errorf("%s: BodyText lacks %q:\n%s", tt.file, c, got)
			}
		}
		for _, c := range tt.absent {
			if strings.Contains(got, c) {
				t.Errorf("%s: BodyText has %q:\n%s", tt.file, c, got)
			}
		}
	}
}

func TestBodyTextCharsets(t *testing.T) {
	tests := []struct{ raw, want string }{
		{"Content-Type: text/plain; charset=iso-8859-1\r\n\r\ncaf\xe9", "café\n"},
		{"Content-Type: text/plain; charset=windows-1251\r\n\r\n\xcf\xf0\xe8", "При\n"},
		{"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\nY2Fmw6k=", "café\n"},
		{"Content-Type: text/plain\r\n\r\ncaf\xc3\xa9", "café\n"}, // us-ascii default, really UTF-8
		{"Content-Type: text/plain; charset=x-unknown\r\n\r\nab\xff", "ab\uFFFD\n"},
		{"Content-Type: text/html\r\n\r\n<style>p{x}</style><!-- c --><P>a&lt;b</P><SCRIPT>z</script>", "   a<b  \n"},
	}
	for _, tt := range tests {
		if got := Parse([]byte(tt.raw)).BodyText([]byte(tt.raw)); got != tt.want {
			t.Errorf("BodyText(%q) = %q, want %q", tt.raw, got, tt.want)
		}
	}
}

// AppendBodyText must leave what dst holds alone and append exactly
// BodyText, also when the buffer is reused from a longer message.
func TestAppendBodyText(t *testing.T) {
	buf := []byte("previous message text, longer than the next one")
	for _, file := range []string{"alternative.eml", "mixed.eml", "nested.eml", "8bit_headers.eml"} {
		raw := load(t, file)
		s := Parse(raw)
		want := s.BodyText(raw)
		buf = s.AppendBodyText(buf[:0], raw)
		if string(buf) != want {
			t.Errorf("%s: AppendBodyText into a reused buffer = %q, want %q", file, buf, want)
		}
		got := s.AppendBodyText([]byte("prefix|"), raw)
		if string(got) != "prefix|"+want {
			t.Errorf("%s: AppendBodyText after a prefix = %q, want %q", file, got, "prefix|"+want)
		}
	}
	raw := load(t, "mixed.eml")
	if got := Parse(raw).AppendBodyText([]byte("x"), raw[:10]); string(got) != "x" {
		t.Errorf("AppendBodyText on the wrong message = %q, want %q", got, "x")
	}
}

func TestAppendValidUTF8(t *testing.T) {
	for _, in := range []string{"", "plain", "caf\xc3\xa9", "a\xffb", "\xff\xfe\xfd", "a\xc3", "\xef\xbf\xbd\xff", "\xed\xa0\x80x", "é\x80é"} {
		checkValidUTF8(t, in)
	}
}

func FuzzAppendValidUTF8(f *testing.F) {
	for _, s := range []string{"a\xffb", "\xe2\x82", "ok"} {
		f.Add(s)
	}
	f.Fuzz(checkValidUTF8)
}

// checkValidUTF8 compares appendValidUTF8 with strings.ToValidUTF8, the
// behaviour it replaces.
func checkValidUTF8(t *testing.T, in string) {
	got := appendValidUTF8([]byte("p"), []byte(in))
	if want := "p" + strings.ToValidUTF8(in, "\uFFFD"); string(got) != want {
		t.Errorf("appendValidUTF8(%q) = %q, want %q", in, got, want)
	}
}
