package wire

import (
	"testing"
	"unicode/utf8"
)

func TestMailboxUTF7(t *testing.T) {
	for _, tt := range []struct{ utf8, utf7 string }{
		{"INBOX", "INBOX"},
		// RFC 3501 §5.1.3's example.
		{"~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"},
		{"Entwürfe", "Entw&APw-rfe"},
		{"A&B", "A&-B"},
		{"&", "&-"},
		{"", ""},
		{"😀", "&2D3eAA-"},      // a surrogate pair
		{"Ä Ö", "&AMQ- &ANY-"}, // two shifts split by a direct char
		{"\tx", "&AAk-x"},      // control characters are shifted
		{"ÄÖÜ", "&AMQA1gDc-"},  // one shift for a run
		{"日本語&台北", "&ZeVnLIqe-&-&U,BTFw-"},
	} {
		if got := EncodeMailboxUTF7(tt.utf8); got != tt.utf7 {
			t.Errorf("Encode(%q) = %q, want %q", tt.utf8, got, tt.utf7)
		}
		if got, err := DecodeMailboxUTF7(tt.utf7); err != nil || got != tt.utf8 {
			t.Errorf("Decode(%q) = %q, %v; want %q", tt.utf7, got, err, tt.utf8)
		}
	}
}

func TestMailboxUTF7Invalid(t *testing.T) {
	for _, bad := range []string{
		"&",          // bare shift
		"&U,BTFw",    // unterminated
		"&AGE-",      // encoded printable ASCII ("a")
		"&AMQ-&ANY-", // two shifts in a row
		"&AMR-",      // non-zero padding bits
		"&AM-",       // incomplete UTF-16 unit
		"&2D0-",      // lone high surrogate
		"&3gA-",      // lone low surrogate
		"&AMQ/-",     // "/" is not modified BASE64
		"Entwürfe",   // 8-bit octets
		"a\x7fb",     // DEL
		"&AMQ=-",     // padding character
		"&AMQA-",     // 14 leftover bits: more than padding
	} {
		if got, err := DecodeMailboxUTF7(bad); err == nil {
			t.Errorf("Decode(%q) = %q, want error", bad, got)
		}
	}
}

func FuzzUTF7(f *testing.F) {
	for _, s := range []string{"INBOX", "Entwürfe", "~peter/mail/台北/日本語", "&", "A&-B", "😀x", "\x00", "&AMQ-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if utf8.ValidString(s) {
			enc := EncodeMailboxUTF7(s)
			dec, err := DecodeMailboxUTF7(enc)
			if err != nil || dec != s {
				t.Fatalf("decode(encode(%q)) = %q, %v (encoded %q)", s, dec, err, enc)
			}
		}
		// Strictness: whatever decodes has exactly one spelling.
		if dec, err := DecodeMailboxUTF7(s); err == nil {
			if enc := EncodeMailboxUTF7(dec); enc != s {
				t.Fatalf("encode(decode(%q)) = %q", s, enc)
			}
		}
	})
}
