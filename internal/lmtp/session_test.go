package lmtp

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestGreetingAndLHLO(t *testing.T) {
	tests := []struct {
		name     string
		tweak    func(*Options)
		greeting string
		caps     string
	}{
		{"defaults", nil, "220 mx.test LMTP Corvus test ready",
			"250-mx.test\n250-8BITMIME\n250-ENHANCEDSTATUSCODES\n250-PIPELINING\n250-SIZE\n250-CHUNKING\n250 IGNOREQUOTA"},
		{"size and no product", func(o *Options) { o.MaxMessageSize = 1000; o.Greeting = "" },
			"220 mx.test LMTP ready",
			"250-mx.test\n250-8BITMIME\n250-ENHANCEDSTATUSCODES\n250-PIPELINING\n250-SIZE 1000\n250-CHUNKING\n250 IGNOREQUOTA"},
		{"tls and auth offered when not preauth", func(o *Options) {
			o.PreAuth, o.TLS, o.Auth = false, testTLSConfig(t), testAuth(t)
		}, "220 mx.test LMTP Corvus test ready",
			"250-mx.test\n250-8BITMIME\n250-ENHANCEDSTATUSCODES\n250-PIPELINING\n250-SIZE\n250-CHUNKING\n250-STARTTLS\n250-AUTH PLAIN LOGIN\n250 IGNOREQUOTA"},
		{"preauth hides tls and auth", func(o *Options) {
			o.TLS, o.Auth = testTLSConfig(t), testAuth(t)
		}, "220 mx.test LMTP Corvus test ready",
			"250-mx.test\n250-8BITMIME\n250-ENHANCEDSTATUSCODES\n250-PIPELINING\n250-SIZE\n250-CHUNKING\n250 IGNOREQUOTA"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := start(t, tc.tweak)
			if g := h.reply(); g != tc.greeting {
				t.Errorf("greeting %q, want %q", g, tc.greeting)
			}
			h.send("LHLO client.test\r\n")
			if got := h.reply(); got != tc.caps {
				t.Errorf("LHLO reply:\n%s\nwant:\n%s", got, tc.caps)
			}
		})
	}
}

// step is one command and the reply prefix expected.
type step struct{ send, want string }

func runSteps(t *testing.T, h *harness, steps []step) {
	t.Helper()
	for _, s := range steps {
		h.cmd(s.send, s.want)
	}
}

func TestCommandReplies(t *testing.T) {
	long := "NOOP " + strings.Repeat("x", DefaultMaxLineLength)
	tests := []struct {
		name  string
		tweak func(*Options)
		lhlo  bool
		steps []step
	}{
		{"MAIL before LHLO", nil, false, []step{{"MAIL FROM:<a@b>", "503 5.5.1 "}}},
		{"HELO and EHLO", nil, false, []step{{"HELO x", "500 5.5.1 "}, {"EHLO x", "500 5.5.1 "}}},
		{"unknown", nil, true, []step{{"EXPN list", "500 5.5.2 "}, {"", "500 5.5.2 "}}},
		{"LHLO without name", nil, false, []step{{"LHLO", "501 5.5.4 "}}},
		{"RCPT before MAIL", nil, true, []step{{"RCPT TO:<a@b>", "503 5.5.1 Need MAIL"}}},
		{"DATA before MAIL", nil, true, []step{{"DATA", "503 5.5.1 "}}},
		{"DATA without recipients", nil, true, []step{
			{"MAIL FROM:<a@b>", "250 2.1.0 "}, {"DATA", "503 5.5.1 No recipients"}}},
		{"nested MAIL", nil, true, []step{
			{"MAIL FROM:<a@b>", "250 2.1.0 "}, {"MAIL FROM:<a@b>", "503 5.5.1 Nested"}}},
		{"RSET forgets MAIL", nil, true, []step{
			{"MAIL FROM:<a@b>", "250 2.1.0 "}, {"RSET", "250 2.0.0 "}, {"RCPT TO:<c@d>", "503 5.5.1 "},
			{"RSET x", "501 5.5.4 "}}},
		{"LHLO resets", nil, true, []step{
			{"MAIL FROM:<a@b>", "250 2.1.0 "}, {"LHLO again", "250-mx.test"}, {"RCPT TO:<c@d>", "503 5.5.1 "}}},
		{"syntax", nil, true, []step{
			{"MAIL TO:<a@b>", "501 5.5.4 "}, {"MAIL FROM:a@b", "501 5.5.4 "},
			{"MAIL FROM:<a@b> BODY=BINARYMIME", "501 5.5.4 "}, {"MAIL FROM:<a@b> FOO=1", "555 5.5.4 "},
			{"MAIL FROM:<a@b> SIZE=x", "501 5.5.4 "}, {"MAIL FROM:<a@b> SIZE=1 SIZE=2", "501 5.5.4 "},
			{"MAIL FROM:<> BODY=8BITMIME SIZE=10 AUTH=<> IGNOREQUOTA", "250 2.1.0 "},
			{"RCPT TO:<>", "501 5.5.4 "}, {"RCPT TO:<a@b> NOTIFY=NEVER", "555 5.5.4 "},
			{"RCPT TO:<a@b> IGNOREQUOTA", "250 2.1.5 "}, {"DATA now", "501 5.5.4 "}}},
		{"SIZE over limit", func(o *Options) { o.MaxMessageSize = 100 }, true, []step{
			{"MAIL FROM:<a@b> SIZE=101", "552 5.2.3 "}, {"MAIL FROM:<a@b> SIZE=99999999999999999999", "552 5.2.3 "},
			{"MAIL FROM:<a@b> SIZE=100", "250 2.1.0 "}}},
		{"recipient refused by backend", nil, true, []step{
			{"MAIL FROM:<a@b>", "250 "}, {"RCPT TO:<nobody@b>", "550 5.1.1 User unknown"},
			{"RCPT TO:<full@b>", "452 4.2.2 Over quota"}, {"RCPT TO:<ok@b>", "250 2.1.5 Ok"}}},
		{"misc", nil, true, []step{
			{"NOOP", "250 2.0.0 "}, {"NOOP anything", "250 2.0.0 "}, {"VRFY bob", "252 2.3.3 "},
			{"VRFY", "501 5.5.4 "}, {"HELP", "214 2.0.0 "}, {"noop", "250 2.0.0 "}}},
		{"line too long", nil, true, []step{{long, "500 5.5.2 Line too long"}, {"NOOP", "250 "}}},
		{"unauthenticated MAIL", func(o *Options) { o.PreAuth = false }, true, []step{
			{"MAIL FROM:<a@b>", "530 5.7.0 "}}},
		{"unauthenticated MAIL, soft_noauth", func(o *Options) { o.PreAuth, o.SoftNoAuth = false, true }, true,
			[]step{{"MAIL FROM:<a@b>", "430 4.7.0 "}}},
		{"no TLS, no AUTH configured", nil, true, []step{
			{"STARTTLS", "502 5.5.1 "}, {"AUTH PLAIN", "502 5.5.1 "}}},
		{"8-bit address strict and lax", nil, true, []step{
			{"MAIL FROM:<j\xf6rg@b>", "501 5.5.4 "}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := start(t, tc.tweak)
			if tc.lhlo {
				h.hello()
			} else {
				h.expect("220 ")
			}
			runSteps(t, h, tc.steps)
			h.cmd("QUIT", "221 2.0.0 ")
			h.wait()
		})
	}
}

func TestLaxAddressesMunge8Bit(t *testing.T) {
	h := start(t, func(o *Options) { o.LaxAddresses = true })
	h.hello()
	runSteps(t, h, []step{{"MAIL FROM:<j\xf6rg@b>", "250 "}, {"RCPT TO:<m\xfcller@b>", "250 "},
		{"DATA", "354 "}})
	h.send("Subject: x\r\n\r\nhi\r\n.\r\n")
	h.expect("250 2.1.5 ")
	d := h.be.deliveries()
	if len(d) != 1 || d[0].env.From != "jXrg@b" || d[0].rcpts[0] != "mXller@b" {
		t.Fatalf("deliveries %+v", d)
	}
}

func TestPipelining(t *testing.T) {
	h := start(t, nil)
	h.expect("220 ")
	// RFC 2920: everything in one write, answered in order.
	h.send("LHLO client.test\r\nMAIL FROM:<a@b>\r\nRCPT TO:<x@b>\r\nRCPT TO:<nobody@b>\r\n" +
		"RCPT TO:<y@b>\r\nDATA\r\nSubject: p\r\n\r\nbody\r\n.\r\nNOOP\r\nQUIT\r\n")
	want := []string{"250-mx.test", "250 2.1.0 ", "250 2.1.5 ", "550 5.1.1 ", "250 2.1.5 ", "354 ",
		"250 2.1.5 Ok SESSIONID=<", "250 2.1.5 Ok SESSIONID=<", "250 2.0.0 ", "221 2.0.0 "}
	for _, w := range want {
		h.expect(w)
	}
	h.wait()
	if d := h.be.deliveries(); len(d) != 1 || strings.Join(d[0].rcpts, ",") != "x@b,y@b" {
		t.Errorf("deliveries %+v", d)
	}
}

func TestTimeout(t *testing.T) {
	tests := []struct {
		name string
		then func(h *harness)
	}{
		{"idle after greeting", func(h *harness) { h.expect("220 ") }},
		{"in the middle of DATA", func(h *harness) {
			h.hello()
			runSteps(t, h, []step{{"MAIL FROM:<a@b>", "250 "}, {"RCPT TO:<x@b>", "250 "}, {"DATA", "354 "}})
			h.send("Subject: slow\r\n")
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := start(t, func(o *Options) { o.Timeout = 200 * time.Millisecond })
			tc.then(h)
			h.expect("421 4.4.2 ")
			h.wait()
			if d := h.be.deliveries(); len(d) != 0 {
				t.Errorf("delivered after timeout: %+v", d)
			}
			h.spoolEmpty()
		})
	}
}

func TestContextEndsSession(t *testing.T) {
	h := start(t, nil)
	h.hello()
	h.cancel()
	h.expect("421 4.3.2 ")
	h.wait()
}

func TestShutdownHook(t *testing.T) {
	var down atomic.Bool
	h := start(t, func(o *Options) {
		o.Shutdown = func() (string, bool) { return "Going\r\ndown", down.Load() }
	})
	h.hello()
	h.cmd("MAIL FROM:<a@b>", "250 ")
	down.Store(true)
	h.cmd("NOOP", "250 ")
	h.cmd("RCPT TO:<x@b>", "421 4.3.2 Going  down")
	h.wait()
}
