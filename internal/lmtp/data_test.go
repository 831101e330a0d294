package lmtp

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// transaction does MAIL FROM:<a@b> (with params) and the RCPTs.
func (h *harness) transaction(params string, rcpts ...string) {
	h.t.Helper()
	h.cmd("MAIL FROM:<a@b>"+params, "250 2.1.0 ")
	for _, r := range rcpts {
		h.cmd("RCPT TO:<"+r+">", "250 2.1.5 ")
	}
}

func TestDataPerRecipientReplies(t *testing.T) {
	h := start(t, func(o *Options) {
		be := o.Backend.(*fakeBackend)
		be.replies["q@b"] = Reply{452, "4.2.2", "Over quota"}
		be.replies["p@b"] = Reply{550, "5.7.1", "Permission denied"}
		be.replies["bad@b"] = Reply{250, "x", "fine\r\n250 injected"}
	})
	h.hello()
	h.transaction("", "x@b", "q@b", "p@b", "bad@b")
	h.cmd("RCPT TO:<nobody@b>", "550 5.1.1 ")
	h.cmd("DATA", "354 ")
	h.send("Subject: hi\r\n\r\nhello\r\n.\r\n")
	var got []string
	for range 4 {
		got = append(got, h.reply())
	}
	d := h.be.deliveries()
	if len(d) != 1 {
		t.Fatalf("deliveries %+v", d)
	}
	sid := d[0].env.SessionID
	want := []string{
		"250 2.1.5 Ok SESSIONID=<" + sid + ">",
		"452 4.2.2 Over quota SESSIONID=<" + sid + ">",
		"550 5.7.1 Permission denied",
		"250 2.0.0 fine  250 injected SESSIONID=<" + sid + ">",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("replies:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	h.cmd("NOOP", "250 ") // the session goes on
}

func TestTraceHeaders(t *testing.T) {
	h := start(t, nil)
	h.hello()
	h.cmd("MAIL FROM:<postmaster>", "250 ")
	h.cmd("RCPT TO:<x@b>", "250 ")
	h.cmd("DATA", "354 ")
	h.send("Return-Path: <forged@evil>\r\n  continued\r\nMessage-ID: <m1@b>\r\nDate: x\r\n\r\nbody\r\n.\r\n")
	h.expect("250 ")
	d := h.be.deliveries()[0]
	want := "Return-Path: <postmaster@mx.test>\r\n" +
		"Received: from client.test ([127.0.0.1])\r\n" +
		"\tby mx.test (Corvus) with LMTPA\r\n" +
		"\tid " + d.env.SessionID + "; Tue, 5 Mar 2024 10:20:30 +0100\r\n" +
		"Message-ID: <m1@b>\r\nDate: x\r\n\r\nbody\r\n"
	if d.data != want {
		t.Errorf("message:\n%q\nwant:\n%q", d.data, want)
	}
	if d.body != "body\r\n" || d.msgID != "<m1@b>" {
		t.Errorf("body %q, message id %q", d.body, d.msgID)
	}
	if !strings.HasPrefix(d.env.SessionID, "mx.test-") {
		t.Errorf("session id %q", d.env.SessionID)
	}
}

func TestDataContent(t *testing.T) {
	long := "X-Long: " + strings.Repeat("a", 100) + "\r\n"
	tests := []struct {
		name   string
		tweak  func(*Options)
		params string
		data   string // as sent, before the final dot
		reply  string // per-recipient reply prefix
		body   string // the message after the engine's headers, when delivered
		eight  bool
	}{
		{"dot-unstuffing", nil, "", "S: x\r\n\r\n..leading\r\n..\r\nx.\r\n...\r\n", "250 ",
			"S: x\r\n\r\n.leading\r\n.\r\nx.\r\n..\r\n", false},
		{"empty message", nil, "", "", "250 ", "", false},
		{"header only", nil, "", "Subject: s\r\n", "250 ", "Subject: s\r\n", false},
		{"bare LF in body", nil, "", "S: x\r\n\r\na\nb\r\n", "554 5.6.0 Message contains bare newlines", "", false},
		{"bare LF in header", nil, "", "S: x\nT: y\r\n\r\n", "554 5.6.0 Message contains bare newlines", "", false},
		{"bare CR", nil, "", "S: x\r\n\r\na\rb\r\n", "554 5.6.0 Message contains bare newlines", "", false},
		// A dot after a bare LF does not end the message (no smuggling).
		{"bare LF before dot", nil, "", "S: x\r\n\r\na\n.\n\r\n", "554 5.6.0 Message contains bare newlines", "", false},
		{"NUL in body", nil, "", "S: x\r\n\r\na\x00b\r\n", "554 5.6.0 Message contains NUL", "", false},
		{"NUL in header", nil, "", "S: x\x00\r\n\r\n", "554 5.6.0 Message contains NUL", "", false},
		{"long header line", func(o *Options) { o.MaxHeaderLine = 100 }, "", long + "\r\n",
			"554 5.6.0 Message contains invalid header", "", false},
		{"header line at the limit", func(o *Options) { o.MaxHeaderLine = 108 }, "", long + "\r\n", "250 ",
			long + "\r\n", false},
		{"long body line is fine", func(o *Options) { o.MaxHeaderLine = 100 }, "", "S: x\r\n\r\n" + long, "250 ",
			"S: x\r\n\r\n" + long, false},
		{"mbox From line", nil, "", "From a@b Mon\r\nS: x\r\n\r\n", "554 5.6.0 Message contains invalid header", "", false},
		{"no colon", nil, "", "Subject\r\n\r\n", "554 5.6.0 Message contains invalid header", "", false},
		{"empty Message-ID", nil, "", "Message-ID:  \r\n\r\n", "554 5.6.0 Message contains invalid header", "", false},
		{"8-bit header munged", nil, "", "S: J\xf6rg\r\n\r\nb\xf6dy\r\n", "250 ", "S: JXrg\r\n\r\nb\xf6dy\r\n", true},
		{"8-bit header with 8BITMIME", nil, " BODY=8BITMIME", "S: J\xf6rg\r\n\r\n", "250 ", "S: J\xf6rg\r\n\r\n", true},
		{"8-bit header rejected", func(o *Options) { o.Reject8Bit = true }, "", "S: J\xf6rg\r\n\r\n",
			"554 5.6.0 Message contains non-ASCII characters in headers", "", false},
		{"8-bit header kept", func(o *Options) { o.Keep8BitHeaders = true }, "", "S: J\xf6rg\r\n\r\n", "250 ",
			"S: J\xf6rg\r\n\r\n", true},
		{"over size", func(o *Options) { o.MaxMessageSize = 14 }, "", "S: 12345678\r\n\r\n",
			"552 5.2.3 ", "", false},
		{"size exactly at limit", func(o *Options) { o.MaxMessageSize = 15 }, "", "S: 12345678\r\n\r\n",
			"250 ", "S: 12345678\r\n\r\n", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := start(t, tc.tweak)
			h.hello()
			h.transaction(tc.params, "x@b", "y@b")
			h.cmd("DATA", "354 ")
			h.send(tc.data + ".\r\n")
			h.expect(tc.reply)
			h.expect(tc.reply)
			h.cmd("NOOP", "250 ") // still in step
			d := h.be.deliveries()
			if !strings.HasPrefix(tc.reply, "250") {
				if len(d) != 0 {
					t.Fatalf("refused message delivered: %+v", d)
				}
				return
			}
			if len(d) != 1 {
				t.Fatalf("deliveries %+v", d)
			}
			_, got, _ := strings.Cut(d[0].data, "; Tue, 5 Mar 2024 10:20:30 +0100\r\n")
			got = stripAdded(got)
			if got != tc.body || d[0].eightBit != tc.eight {
				t.Errorf("message %q (8bit %v), want %q (8bit %v)", got, d[0].eightBit, tc.body, tc.eight)
			}
		})
	}
}

// stripAdded removes the Message-ID and Date the engine adds.
func stripAdded(m string) string {
	var out []string
	for _, l := range strings.SplitAfter(m, "\r\n") {
		if strings.HasPrefix(l, "Message-ID: <corvus-lmtpd-") || l == "Date: Tue, 5 Mar 2024 10:20:30 +0100\r\n" {
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "")
}

func TestAddedHeaders(t *testing.T) {
	h := start(t, nil)
	h.hello()
	h.transaction("", "x@b")
	h.cmd("DATA", "354 ")
	h.send("Subject: s\r\nResent-Message-ID: <r@b>\r\n\r\nb\r\n.\r\n")
	h.expect("250 ")
	d := h.be.deliveries()[0]
	if d.msgID != "<r@b>" {
		t.Errorf("message id %q", d.msgID)
	}
	if !strings.HasSuffix(d.data, "Subject: s\r\nResent-Message-ID: <r@b>\r\nDate: Tue, 5 Mar 2024 10:20:30 +0100\r\n\r\nb\r\n") {
		t.Errorf("message %q", d.data)
	}
	h.transaction("", "x@b")
	h.cmd("DATA", "354 ")
	h.send("Subject: s\r\n\r\n.\r\n")
	h.expect("250 ")
	d = h.be.deliveries()[1]
	if !strings.HasPrefix(d.msgID, "<corvus-lmtpd-") || !strings.Contains(d.data, "Message-ID: "+d.msgID+"\r\nDate: ") {
		t.Errorf("message id %q in %q", d.msgID, d.data)
	}
}

func TestClientGoneMidData(t *testing.T) {
	for _, cut := range []string{"DATA\r\nSubject: x\r\n\r\npartial", "BDAT 100\r\nSubject: x\r\n"} {
		t.Run(strings.Fields(cut)[0], func(t *testing.T) {
			h := start(t, nil)
			h.hello()
			h.transaction("", "x@b")
			h.send(cut)
			if strings.HasPrefix(cut, "DATA") {
				h.expect("354 ")
			}
			time.Sleep(20 * time.Millisecond) // let the server start spooling
			_ = h.c.Close()
			h.wait()
			if d := h.be.deliveries(); len(d) != 0 {
				t.Errorf("delivered: %+v", d)
			}
			h.spoolEmpty()
		})
	}
}

func TestSpoolDirMissing(t *testing.T) {
	h := start(t, func(o *Options) { o.SpoolDir = "/nonexistent/spool" })
	h.hello()
	h.transaction("", "x@b", "y@b")
	h.cmd("DATA", "451 4.3.0 ")
	h.cmd("RCPT TO:<x@b>", "503 5.5.1 ") // the transaction is gone, as Cyrus
	h.transaction("", "x@b", "y@b")
	h.send("BDAT 5 LAST\r\nabcde")
	h.expect("451 4.3.0 ")
	h.expect("451 4.3.0 ")
	h.cmd("NOOP", "250 ")
}

func TestTooManyRecipients(t *testing.T) {
	h := start(t, nil)
	h.hello()
	h.cmd("MAIL FROM:<a@b>", "250 ")
	var b strings.Builder
	for i := range DefaultMaxRecipients + 1 {
		fmt.Fprintf(&b, "RCPT TO:<u%d@b>\r\n", i)
	}
	h.send(b.String())
	for range DefaultMaxRecipients {
		h.expect("250 2.1.5 ")
	}
	h.expect("452 4.5.3 Too many recipients")
	h.cmd("DATA", "354 ")
	h.send("S: x\r\n\r\n.\r\n")
	for range DefaultMaxRecipients {
		h.expect("250 2.1.5 Ok SESSIONID=")
	}
	h.cmd("NOOP", "250 ")
	if d := h.be.deliveries(); len(d) != 1 || len(d[0].rcpts) != DefaultMaxRecipients {
		t.Errorf("deliveries: %d", len(d))
	}
}
