package mime

import "testing"

func TestDecodeHeader(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"=?utf-8?q?caf=C3=A9?=", "café"},
		{"=?UTF-8?B?Y2Fmw6k=?=", "café"},
		{"=?iso-8859-1?q?caf=E9?=", "café"},
		{"=?ISO-8859-15?Q?=A4uro?=", "€uro"},
		{"=?windows-1252?q?=80?=", "€"},
		{"=?iso-8859-2?q?=B1?=", "ą"},
		{"=?koi8-r?b?8NLJ18XU?=", "Привет"},
		{"=?utf-8?q?a?= =?utf-8?q?b?=", "ab"},      // RFC 2047 §6.2: space between words dropped
		{"=?utf-8?q?a?=\r\n =?utf-8?q?b?=", "ab"},  // also across a fold
		{"=?utf-8?q?a?= b =?utf-8?q?c?=", "a b c"}, // but not around text
		{"=?utf-8?q?a_b?=", "a b"},
		{"=?utf-8*en?q?hi?=", "hi"},                      // RFC 2231 language suffix
		{"=?utf-8?b?5pel?= =?utf-8?b?5pys?=", "日本"},      // two whole characters
		{"=?utf-8?b?5g==?= =?utf-8?b?l6U=?=", "日"},       // one character split across words
		{"x=?utf-8?q?y?=z", "xyz"},                       // lenient: no spaces around
		{"=?unknown-cs?q?abc?=", "=?unknown-cs?q?abc?="}, // unknown charset kept
		{"=?utf-8?x?abc?=", "=?utf-8?x?abc?="},           // unknown encoding kept
		{"=?utf-8?q?unterminated", "=?utf-8?q?unterminated"},
		{"1 + 1 =? 2", "1 + 1 =? 2"},
		{"Gr\xfc\xdfe", "Grüße"},             // 8-bit Latin-1: windows-1252
		{"Grüße", "Grüße"},                   // raw UTF-8 kept
		{"=?us-ascii?q?caf=C3=A9?=", "café"}, // mislabelled UTF-8
		{"=?utf-8?q?bad=FF?=", "bad\uFFFD"},
	}
	for _, tt := range tests {
		if got := DecodeHeader(tt.in); got != tt.want {
			t.Errorf("DecodeHeader(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCanonicalCharset(t *testing.T) {
	tests := []struct{ in, want string }{
		{"UTF8", "utf-8"},
		{"ISO_8859-2", "iso-8859-2"},
		{"iso8859-15", "iso-8859-15"},
		{"CP1251", "windows-1251"},
		{"x-cp1250", "windows-1250"},
		{"Latin1", "iso-8859-1"},
		{`"us-ascii"`, "us-ascii"},
		{"ISO-8859-1:1987", "iso-8859-1"},
	}
	for _, tt := range tests {
		if got := canonicalCharset(tt.in); got != tt.want {
			t.Errorf("canonicalCharset(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
