package telemetry

import "testing"

func TestMaskSASL(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"continuation", "AGFsaWNlAHNlY3JldA==\r\n", "***\r\n"},
		{"two continuations", "dXNlcg==\r\ncGFzcw==\r\n", "***\r\n***\r\n"},
		{"bare LF", "dXNlcg==\n", "***\n"},
		{"lone CR", "dXNlcg==\rcGFzcw==", "***\r***"},
		{"no line end", "dXNlcg==", "***"},
		{"cancel", "*\r\n", "*\r\n"},
		{"empty response", "\r\n", "\r\n"},
		{"garbage", "what is this\r\n", "***\r\n"},
		{"word without mechanism", "AUTH\r\n", "***\r\n"},
		{"lmtp auth ir", "AUTH PLAIN AGFsaWNl\r\n", "AUTH PLAIN ***\r\n"},
		{"lmtp auth lower", "auth plain AGFsaWNl\r\n", "auth plain ***\r\n"},
		{"lmtp auth no ir", "AUTH LOGIN\r\n", "AUTH LOGIN\r\n"},
		{"lmtp auth empty ir", "AUTH PLAIN =\r\n", "AUTH PLAIN =\r\n"},
		{"imap ir", "a1 AUTHENTICATE PLAIN AGFsaWNl\r\n", "a1 AUTHENTICATE PLAIN ***\r\n"},
		{"imap no ir", "a1 AUTHENTICATE SCRAM-SHA-256\r\n", "a1 AUTHENTICATE SCRAM-SHA-256\r\n"},
		{"imap tagless ir", "AUTHENTICATE PLAIN AGFs\r\n", "AUTHENTICATE PLAIN ***\r\n"},
		{"command then response", "AUTH LOGIN\r\ndXNlcg==\r\n", "AUTH LOGIN\r\n***\r\n"},
	}
	for _, tt := range tests {
		if got := string(MaskSASL([]byte(tt.in))); got != tt.want {
			t.Errorf("%s: MaskSASL(%q) = %q; want %q", tt.name, tt.in, got, tt.want)
		}
	}
}
