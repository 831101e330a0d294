package mime

import (
	"errors"
	"testing"
)

func TestBinary(t *testing.T) {
	pdf := "%PDF-1.4\n%\xc3\xa4\xc3\xbc\xc3\xb6\xc3\x9f\n1 0 obj\n<</Type/Catalog>>\nendobj"
	tests := []struct {
		file string
		part []int
		want string
	}{
		{"mixed.eml", []int{2}, pdf},                        // base64 across lines
		{"mixed.eml", []int{1}, "See the attached report."}, // 7bit as is
		// quoted-printable: =20 a space, "=" CRLF a soft break.
		{"rfc2231.eml", []int{1}, "Hello World!"},
		{"alternative.eml", []int{1}, "Grüße aus München, das ist eine lange Zeile die umbrochen werden muss."},
		// A message/rfc822 part is returned as stored.
		{"nested.eml", []int{2, 1}, "Notes: all good."},
	}
	for _, tt := range tests {
		raw := load(t, tt.file)
		s := Parse(raw)
		got, err := s.Binary(raw, tt.part)
		if err != nil || string(got) != tt.want {
			t.Errorf("%s Binary(%v) = %q, %v; want %q", tt.file, tt.part, got, err, tt.want)
		}
		n, err := s.BinarySize(raw, tt.part)
		if err != nil || n != int64(len(tt.want)) {
			t.Errorf("%s BinarySize(%v) = %d, %v; want %d", tt.file, tt.part, n, err, len(tt.want))
		}
	}
}

func TestBinaryWholeMessage(t *testing.T) {
	raw := load(t, "nested.eml")
	got, err := Parse(raw).Binary(raw, nil)
	if err != nil || string(got) != string(raw) {
		t.Errorf("Binary(nil) = %d bytes, %v; want the whole message", len(got), err)
	}
}

func TestBinaryUnknownCTE(t *testing.T) {
	raw := []byte("Content-Type: text/plain\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\nbegin 644 a\r\n")
	s := Parse(raw)
	if _, err := s.Binary(raw, []int{1}); !errors.Is(err, ErrUnknownCTE) {
		t.Errorf("Binary err = %v, want ErrUnknownCTE", err)
	}
	if _, err := s.BinarySize(raw, []int{1}); !errors.Is(err, ErrUnknownCTE) {
		t.Errorf("BinarySize err = %v, want ErrUnknownCTE", err)
	}
	if _, err := s.Binary(raw, []int{2}); !errors.Is(err, ErrNoSuchPart) {
		t.Errorf("Binary(2) err = %v, want ErrNoSuchPart", err)
	}
}

func TestDecodeBase64(t *testing.T) {
	tests := []struct{ in, want string }{
		{"SGVsbG8=", "Hello"},
		{"SGVs\r\nbG8h", "Hello!"},
		{"SGV sbG8", "Hello"}, // garbage and missing padding ignored
		{"S", ""},             // a lone sextet holds no byte
		{"SGVsbG8*!", "Hello"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := string(decodeBase64([]byte(tt.in))); got != tt.want {
			t.Errorf("decodeBase64(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if n := base64DecodedLen([]byte(tt.in)); n != int64(len(tt.want)) {
			t.Errorf("base64DecodedLen(%q) = %d, want %d", tt.in, n, len(tt.want))
		}
	}
}

func TestDecodeQP(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a=3Db", "a=b"},
		{"a=3db", "a=b"}, // lower-case hex
		{"soft=\r\nbreak", "softbreak"},
		{"soft=  \r\nbreak", "softbreak"}, // padding after the soft break
		{"trail   \r\nx", "trail\r\nx"},   // transport whitespace dropped
		{"bare=\nlf", "barelf"},
		{"bad=ZZ", "bad=ZZ"},
		{"end=", "end"},
		{"keep\r\n", "keep\r\n"},
	}
	for _, tt := range tests {
		if got := string(decodeQP([]byte(tt.in))); got != tt.want {
			t.Errorf("decodeQP(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
