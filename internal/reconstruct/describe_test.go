package reconstruct

import (
	"testing"
	"time"
)

func TestReceivedDate(t *testing.T) {
	tests := []struct {
		raw  string
		want string // RFC 3339, "" for none
	}{
		{"Received: from a by b; Tue, 3 Mar 2026 10:00:00 +0100\r\nReceived: from c; Mon, 2 Mar 2026 09:00:00 +0000\r\n\r\nx", "2026-03-03T10:00:00+01:00"},
		{"Subject: x\r\nreceived: from a\r\n\tby b with LMTP;\r\n  Wed, 4 Mar 2026 11:30:00 -0500\r\n\r\n", "2026-03-04T11:30:00-05:00"},
		{"Subject: no received\r\n\r\nReceived: from body; Tue, 3 Mar 2026 10:00:00 +0100\r\n", ""},
		{"Received: from a by b\r\n\r\n", ""},
		{"", ""},
		{"Received: x; not a date\n\n", ""},
	}
	for _, tt := range tests {
		got := ReceivedDate([]byte(tt.raw))
		if tt.want == "" {
			if !got.IsZero() {
				t.Errorf("ReceivedDate(%q) = %v, want none", tt.raw, got)
			}
			continue
		}
		want, _ := time.Parse(time.RFC3339, tt.want)
		if !got.Equal(want) {
			t.Errorf("ReceivedDate(%q) = %v, want %v", tt.raw, got, want)
		}
	}
}

func TestDescribe(t *testing.T) {
	raw := []byte("Received: by mx; Tue, 3 Mar 2026 10:00:00 +0000\r\nSubject: hello\r\nMessage-ID: <a@b>\r\n\r\nbody\r\n")
	msg := Describe(raw, time.Time{})
	if msg.Summary.Subject != "hello" || msg.Summary.MessageID != "a@b" || len(msg.Structure) == 0 || msg.InternalDate.Year() != 2026 || len(msg.Flags) != 0 {
		t.Errorf("Describe: %+v", msg)
	}
}

// FuzzReceivedDate: any bytes, no panic.
func FuzzReceivedDate(f *testing.F) {
	f.Add([]byte("Received: from a; Tue, 3 Mar 2026 10:00:00 +0100\r\n\r\n"))
	f.Add([]byte("Received:\n\t;\n"))
	f.Add([]byte(":\n \n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		ReceivedDate(raw)
		Describe(raw, time.Time{})
	})
}
