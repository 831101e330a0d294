package mime

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"
)

// allParts lists the part numbers of a body structure, descending into
// message/rfc822 parts (which go-imap's Walk does not).
func allParts(bs imap.BodyStructure, prefix []int) [][]int {
	var out [][]int
	switch bs := bs.(type) {
	case *imap.BodyStructureMultiPart:
		for i, c := range bs.Children {
			p := append(append([]int(nil), prefix...), i+1)
			out = append(out, p)
			out = append(out, allParts(c, p)...)
		}
	case *imap.BodyStructureSinglePart:
		if len(prefix) == 0 {
			out = append(out, []int{1})
		}
		if m := bs.MessageRFC822; m != nil {
			base := prefix
			if len(prefix) == 0 {
				base = []int{1}
			}
			if _, multi := m.BodyStructure.(*imap.BodyStructureMultiPart); multi {
				out = append(out, allParts(m.BodyStructure, base)...)
			} else {
				p := append(append([]int(nil), base...), 1)
				out = append(out, p)
				out = append(out, allParts(m.BodyStructure, p)...)
			}
		}
	}
	return out
}

// sameStructure compares two Structures through everything they answer.
func sameStructure(t testing.TB, raw []byte, a, b *Structure) {
	t.Helper()
	if !envelopeEqual(a.Envelope(), b.Envelope()) {
		t.Errorf("Envelope differs:\n%+v\n%+v", a.Envelope(), b.Envelope())
	}
	for _, ext := range []bool{false, true} {
		if !bodyStructureEqual(a.BodyStructure(ext), b.BodyStructure(ext)) {
			t.Errorf("BodyStructure(%v) differs:\n%s\n%s", ext, dumpBS(a.BodyStructure(ext)), dumpBS(b.BodyStructure(ext)))
		}
	}
	sa, sb := a.Summary(), b.Summary()
	if !sameTime(sa.Date, sb.Date) {
		t.Errorf("Summary.Date differs: %v, %v", sa.Date, sb.Date)
	}
	sa.Date = sb.Date
	if !reflect.DeepEqual(sa, sb) {
		t.Errorf("Summary differs:\n%+v\n%+v", sa, sb)
	}
	for _, part := range append(allParts(a.BodyStructure(false), nil), nil) {
		for _, spec := range []imap.PartSpecifier{"", imap.PartSpecifierMIME, imap.PartSpecifierHeader, imap.PartSpecifierText} {
			sec := &imap.FetchItemBodySection{Part: part, Specifier: spec}
			x, errA := a.Section(raw, sec)
			y, errB := b.Section(raw, sec)
			if !bytes.Equal(x, y) || fmt.Sprint(errA) != fmt.Sprint(errB) {
				t.Errorf("Section(%v %s) differs: %q %v / %q %v", part, spec, x, errA, y, errB)
			}
		}
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	for _, name := range testMessages(t) {
		t.Run(name, func(t *testing.T) {
			raw := load(t, name)
			s := Parse(raw)
			blob, err := s.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			if blob[0] != formatVersion {
				t.Errorf("first byte %d, want format version %d", blob[0], formatVersion)
			}
			var u Structure
			if err := u.UnmarshalBinary(blob); err != nil {
				t.Fatalf("UnmarshalBinary: %v", err)
			}
			sameStructure(t, raw, s, &u)
			again, _ := u.MarshalBinary()
			if !bytes.Equal(blob, again) {
				t.Errorf("re-marshalled blob differs")
			}
		})
	}
}

// TestMarshalCompact: a typical 2 KB text mail must cost well under 1 KB.
func TestMarshalCompact(t *testing.T) {
	var b strings.Builder
	b.WriteString("Return-Path: <alice@example.org>\r\n")
	for i := 0; i < 4; i++ {
		fmt.Fprintf(&b, "Received: from relay%d.example.net (relay%d.example.net [192.0.2.%d])\r\n\tby mx.example.com with ESMTPS id x%d; Mon, 7 Feb 2022 21:52:30 -0800\r\n", i, i, i, i)
	}
	b.WriteString("DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=s1; h=from:to:subject;\r\n\tbh=" +
		strings.Repeat("A", 44) + "; b=" + strings.Repeat("B", 170) + "\r\n")
	b.WriteString("Date: Mon, 7 Feb 2022 21:52:25 -0800\r\nFrom: Alice Example <alice@example.org>\r\n" +
		"To: Bob Example <bob@example.com>\r\nSubject: Re: The plans for next week\r\n" +
		"Message-ID: <CAF=abc123456789@mail.example.org>\r\nIn-Reply-To: <CAF=xyz987654321@mail.example.com>\r\n" +
		"References: <CAF=root0001@mail.example.org> <CAF=xyz987654321@mail.example.com>\r\n" +
		"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8; format=flowed\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
	for b.Len() < 2048 {
		b.WriteString("Some words of the message body, as people write them.\r\n")
	}
	raw := []byte(b.String())
	blob, err := Parse(raw).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if len(blob) > 400 {
		t.Errorf("%d-byte message marshals to %d bytes, want at most 400", len(raw), len(blob))
	}
	t.Logf("%d-byte message: %d-byte blob", len(raw), len(blob))
}

func TestUnmarshalRejects(t *testing.T) {
	raw := load(t, "nested.eml")
	blob, _ := Parse(raw).MarshalBinary()
	// Every truncation must fail cleanly.
	for n := 0; n < len(blob); n++ {
		var s Structure
		if err := s.UnmarshalBinary(blob[:n]); !errors.Is(err, ErrMalformed) {
			t.Fatalf("truncated to %d of %d bytes: err = %v, want ErrMalformed", n, len(blob), err)
		}
	}
	w := func(build func(w *writer)) []byte {
		x := writer{b: []byte{formatVersion}}
		build(&x)
		return x.b
	}
	leaf := func(w *writer, typ, sub string, env bool) {
		f := uint64(0)
		if env {
			f = fEnv
		}
		w.uvarint(f)
		w.uvarint(0)
		w.uvarint(0)
		w.uvarint(5)
		w.uvarint(1)
		w.str(typ)
		w.str(sub)
		if env {
			w.uvarint(0)
		}
	}
	tests := []struct {
		name string
		blob []byte
	}{
		{"empty", nil},
		{"future version", []byte{formatVersion + 1, 0}},
		{"trailing byte", append(append([]byte(nil), blob...), 0)},
		{"valid control", w(func(w *writer) { w.uvarint(5); leaf(w, "text", "plain", true) })},
		{"body past the message", w(func(w *writer) { w.uvarint(4); leaf(w, "text", "plain", true) })},
		{"root without envelope", w(func(w *writer) { w.uvarint(5); leaf(w, "text", "plain", false) })},
		{"multipart without parts", w(func(w *writer) {
			w.uvarint(5)
			leaf(w, "multipart", "mixed", true)
			w.uvarint(0)
		})},
		{"message without its message", w(func(w *writer) {
			w.uvarint(5)
			leaf(w, "message", "rfc822", true)
			w.uvarint(0)
		})},
		{"encapsulated message without envelope", w(func(w *writer) {
			w.uvarint(5)
			leaf(w, "message", "rfc822", true)
			w.uvarint(1)
			leaf(w, "text", "plain", false)
		})},
		{"empty type", w(func(w *writer) { w.uvarint(5); leaf(w, "", "plain", true) })},
		{"huge count", w(func(w *writer) {
			w.uvarint(5)
			w.uvarint(fParams)
			w.uvarint(0)
			w.uvarint(0)
			w.uvarint(5)
			w.uvarint(1)
			w.str("text")
			w.str("plain")
			w.uvarint(1 << 40)
		})},
		{"unknown well-known index", []byte{formatVersion, 5, 0, 0, 0, 5, 1, 0xff, 0x7f}},
	}
	for _, tt := range tests {
		var s Structure
		err := s.UnmarshalBinary(tt.blob)
		if tt.name == "valid control" {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
			continue
		}
		if !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: err = %v, want ErrMalformed", tt.name, err)
		}
	}
}
