package lmtp

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/corvusmail/corvus/internal/auth"
)

// testAuth is a real auth.Server whose only password is alice/secret.
func testAuth(t testing.TB) *auth.Server {
	t.Helper()
	check := auth.CheckerFunc(func(_ context.Context, user, password, service, _ string) error {
		if user == "alice" && password == "secret" && service == "lmtp" {
			return nil
		}
		return auth.ErrBadCredentials
	})
	return auth.NewServer(auth.ServerOptions{Config: auth.Config{AllowPlaintext: true}, Checker: check})
}

func plain(authz, user, pass string) string {
	return base64.StdEncoding.EncodeToString([]byte(authz + "\x00" + user + "\x00" + pass))
}

func TestAuthPlain(t *testing.T) {
	h := start(t, func(o *Options) { o.PreAuth, o.Auth = false, testAuth(t) })
	caps := h.hello()
	if !strings.Contains(caps, "250-AUTH PLAIN LOGIN") {
		t.Errorf("AUTH not offered:\n%s", caps)
	}
	runSteps(t, h, []step{
		{"MAIL FROM:<a@b>", "530 5.7.0 "},
		{"AUTH", "501 5.5.4 "},
		{"AUTH CRAM-MD5", "504 5.5.4 "},
		{"AUTH PLAIN !!!", "501 5.5.2 "},
		{"AUTH PLAIN " + plain("", "alice", "wrong"), "535 5.7.8 "},
		{"AUTH PLAIN", "334 "},
		{"*", "501 5.7.0 "},
		{"AUTH PLAIN", "334 "},
		{plain("", "alice", "secret"), "235 2.7.0 "},
		{"AUTH PLAIN " + plain("", "alice", "secret"), "503 5.5.1 "},
		{"MAIL FROM:<a@b>", "250 "},
		{"AUTH PLAIN", "503 5.5.1 "},
		{"RCPT TO:<x@b>", "250 "},
		{"DATA", "354 "},
	})
	h.send("Subject: auth\r\n\r\nhi\r\n.\r\n")
	h.expect("250 2.1.5 ")
	caps = h.cmd("LHLO again", "250-")
	if strings.Contains(caps, "AUTH") {
		t.Errorf("AUTH still offered after login:\n%s", caps)
	}
	d := h.be.deliveries()
	if len(d) != 1 || d[0].env.Identity.Authz != "alice" || d[0].env.PreAuth {
		t.Fatalf("deliveries %+v", d)
	}
	if !strings.Contains(d[0].data, "(authenticated user=alice bits=0)\r\n\tby mx.test (Corvus) with LMTPA\r\n") {
		t.Errorf("Received header:\n%s", d[0].data)
	}
}

func TestAuthInitialResponseOK(t *testing.T) {
	h := start(t, func(o *Options) { o.PreAuth, o.Auth = false, testAuth(t) })
	h.hello()
	h.cmd("AUTH PLAIN "+plain("", "alice", "secret"), "235 2.7.0 ")
	h.cmd("MAIL FROM:<a@b> AUTH=alice+2Bx", "250 ")
	h.cmd("RCPT TO:<x@b>", "250 ")
	h.cmd("BDAT 0 LAST", "250 2.1.5 ")
	if d := h.be.deliveries(); len(d) != 1 || d[0].env.AuthParam != "alice+x" {
		t.Fatalf("deliveries %+v", d)
	}
}

func TestAuthPrivacyRequired(t *testing.T) {
	h := start(t, func(o *Options) {
		o.PreAuth = false
		o.Auth = auth.NewServer(auth.ServerOptions{Checker: auth.CheckerFunc(
			func(context.Context, string, string, string, string) error { return nil })})
	})
	caps := h.hello()
	if strings.Contains(caps, "AUTH") {
		t.Errorf("plaintext mechanisms offered without TLS:\n%s", caps)
	}
	h.cmd("AUTH PLAIN "+plain("", "alice", "secret"), "538 5.7.11 ")
}
