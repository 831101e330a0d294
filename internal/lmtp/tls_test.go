package lmtp

import (
	"bufio"
	"crypto/tls"
	"strings"
	"sync"
	"testing"

	"github.com/corvusmail/corvus/internal/testcert"
)

var (
	certOnce sync.Once
	testCert *testcert.Cert
)

// testTLSConfig returns a server config with a self-signed certificate
// for 127.0.0.1, generated once per test binary.
func testTLSConfig(t *testing.T) *tls.Config {
	t.Helper()
	certOnce.Do(func() { testCert = testcert.New(t) })
	return &tls.Config{Certificates: []tls.Certificate{testCert.TLS}}
}

// upgrade runs the client side of the TLS handshake.
func (h *harness) upgrade() {
	h.t.Helper()
	tc := tls.Client(h.c, &tls.Config{RootCAs: testCert.Pool, ServerName: "127.0.0.1"})
	if err := tc.Handshake(); err != nil {
		h.t.Fatalf("client handshake: %v", err)
	}
	h.c = tc
	h.r = bufio.NewReader(tc)
}

func TestStartTLS(t *testing.T) {
	h := start(t, func(o *Options) { o.PreAuth, o.TLS, o.Auth = false, testTLSConfig(t), testAuth(t) })
	if caps := h.hello(); !strings.Contains(caps, "250-STARTTLS\n") {
		t.Errorf("STARTTLS not offered:\n%s", caps)
	}
	h.cmd("STARTTLS now", "501 5.5.4 ")
	// A command pipelined in the clear behind STARTTLS must be dropped
	// (RFC 3207 §4.2 and the plaintext-injection attack).
	h.send("STARTTLS\r\nAUTH PLAIN " + plain("", "alice", "secret") + "\r\n")
	h.expect("220 2.0.0 ")
	h.upgrade()
	// The session started afresh: LHLO again before MAIL.
	h.cmd("MAIL FROM:<a@b>", "503 5.5.1 Send LHLO")
	caps := h.cmd("LHLO client.test", "250-mx.test")
	if strings.Contains(caps, "STARTTLS") || !strings.Contains(caps, "AUTH PLAIN") {
		t.Errorf("LHLO under TLS:\n%s", caps)
	}
	runSteps(t, h, []step{{"STARTTLS", "503 5.5.1 "}, {"MAIL FROM:<a@b>", "530 "},
		{"AUTH PLAIN " + plain("", "alice", "secret"), "235 "}, {"MAIL FROM:<a@b>", "250 "},
		{"RCPT TO:<x@b>", "250 "}, {"DATA", "354 "}})
	h.send("Subject: tls\r\n\r\nsecret\r\n.\r\n")
	h.expect("250 2.1.5 ")
	h.cmd("QUIT", "221 ")
	h.wait()
	d := h.be.deliveries()
	if len(d) != 1 || d[0].env.TLS == nil {
		t.Fatalf("deliveries %+v", d)
	}
	if !strings.Contains(d[0].data, " with LMTPSA\r\n\t(version=TLS1.3 cipher=TLS_") {
		t.Errorf("Received header lacks TLS:\n%s", d[0].data)
	}
}

func TestStartTLSRefused(t *testing.T) {
	tests := []struct {
		name  string
		tweak func(*Options)
		steps []step
	}{
		{"preauth, as Cyrus", func(o *Options) { o.TLS = testTLSConfig(t) },
			[]step{{"STARTTLS", "502 5.5.1 "}}},
		{"after AUTH", func(o *Options) { o.PreAuth, o.TLS, o.Auth = false, testTLSConfig(t), testAuth(t) },
			[]step{{"AUTH PLAIN " + plain("", "alice", "secret"), "235 "}, {"STARTTLS", "503 5.5.1 "}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := start(t, tc.tweak)
			h.hello()
			runSteps(t, h, tc.steps)
		})
	}
}

func TestStartTLSBadHandshake(t *testing.T) {
	h := start(t, func(o *Options) { o.PreAuth, o.TLS = false, testTLSConfig(t) })
	h.hello()
	h.cmd("STARTTLS", "220 ")
	h.send("this is not a ClientHello\r\n\r\n")
	h.wait() // the session ends; no panic, no hang
}
