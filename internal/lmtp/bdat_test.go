package lmtp

import (
	"strings"
	"testing"
)

func TestBDAT(t *testing.T) {
	tests := []struct {
		name   string
		tweak  func(*Options)
		send   string   // after MAIL and two RCPTs
		want   []string // reply prefixes
		body   string   // delivered message after the engine's headers; "" = none
		closed bool     // the server ends the session
	}{
		{"chunks, CRLF split", nil, "BDAT 11\r\nS: x\r\n\r\n.a\rBDAT 4\r\n\nb\r\nBDAT 0 LAST\r\n",
			[]string{"250 2.0.0 11 octets", "250 2.0.0 4 octets", "250 2.1.5 Ok SESSIONID", "250 2.1.5 Ok SESSIONID"},
			"S: x\r\n\r\n.a\r\nb\r\n", false},
		{"one chunk LAST", nil, "BDAT 8 last\r\nS: x\r\n\r\n",
			[]string{"250 2.1.5 ", "250 2.1.5 "}, "S: x\r\n\r\n", false},
		{"DATA after BDAT", nil, "BDAT 2\r\nS:DATA\r\n",
			[]string{"250 2.0.0 ", "503 5.5.1 "}, "", false},
		{"RCPT after BDAT", nil, "BDAT 2\r\nS:RCPT TO:<z@b>\r\nRSET\r\n",
			[]string{"250 2.0.0 ", "503 5.5.1 ", "250 2.0.0 "}, "", false},
		{"over size", func(o *Options) { o.MaxMessageSize = 5 }, "BDAT 4\r\nS: xBDAT 4\r\nyyyyBDAT 1 LAST\r\n\n",
			[]string{"250 2.0.0 ", "552 5.2.3 ", "552 5.2.3 ", "552 5.2.3 "}, "", false},
		{"bare LF", nil, "BDAT 6\r\nS: x\n\nBDAT 0 LAST\r\n",
			[]string{"554 5.6.0 ", "554 5.6.0 ", "554 5.6.0 "}, "", false},
		{"bad size", nil, "BDAT x\r\n", []string{"501 5.5.4 "}, "", true},
		{"no LAST keyword", nil, "BDAT 1 FIRST\r\n", []string{"501 5.5.4 "}, "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := start(t, tc.tweak)
			h.hello()
			h.transaction("", "x@b", "y@b")
			h.send(tc.send)
			for _, w := range tc.want {
				h.expect(w)
			}
			if tc.closed {
				h.wait()
				return
			}
			h.cmd("NOOP", "250 ")
			d := h.be.deliveries()
			if tc.body == "" {
				if len(d) != 0 {
					t.Errorf("delivered: %+v", d)
				}
				return
			}
			if len(d) != 1 {
				t.Fatalf("deliveries %+v", d)
			}
			_, got, _ := strings.Cut(d[0].data, "; Tue, 5 Mar 2024 10:20:30 +0100\r\n")
			if got = stripAdded(got); got != tc.body {
				t.Errorf("message %q, want %q", got, tc.body)
			}
		})
	}
}

func TestBDATRefusedKeepsStep(t *testing.T) {
	h := start(t, nil)
	h.hello()
	// Without MAIL the chunk is still read, so "NOOP" inside it is data.
	h.send("BDAT 6\r\nNOOP\r\nBDAT 6 LAST\r\nNOOP\r\n")
	h.expect("503 5.5.1 Need MAIL")
	h.expect("503 5.5.1 Need MAIL")
	h.cmd("MAIL FROM:<a@b>", "250 ")
	h.cmd("RCPT TO:<nobody@b>", "550 ")
	h.send("BDAT 6 LAST\r\nNOOP\r\n")
	h.expect("503 5.5.1 No recipients")
	h.cmd("RCPT TO:<x@b>", "503 5.5.1 Need MAIL") // LAST ended the transaction
}
