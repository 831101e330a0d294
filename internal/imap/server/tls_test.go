package server

import (
	"bufio"
	"crypto/tls"
	"strings"
	"testing"
	"time"

	"github.com/corvusmail/corvus/internal/testcert"
)

func tlsEnv(t *testing.T, implicit bool) *testEnv {
	cert := testcert.New(t).TLS
	return newEnv(t, func(o *Options) {
		o.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
		o.ImplicitTLS = implicit
		o.Auth = newEnvAuth(false)
	})
}

func TestStartTLS(t *testing.T) {
	e := tlsEnv(t, false)
	c := e.dial()
	g := c.line()
	if !strings.Contains(g, "STARTTLS") || !strings.Contains(g, "LOGINDISABLED") {
		t.Fatalf("greeting before TLS: %q", g)
	}
	if _, st := c.cmd("LOGIN alice secret"); !strings.HasPrefix(st, "NO [PRIVACYREQUIRED]") {
		t.Fatalf("plaintext LOGIN without TLS: %q", st)
	}
	c.mustOK("STARTTLS")
	tc := tls.Client(c.c, &tls.Config{InsecureSkipVerify: true})
	if err := tc.Handshake(); err != nil {
		t.Fatal(err)
	}
	c.c, c.br = tc, bufio.NewReader(tc)
	l := c.mustOK("CAPABILITY")
	if hasLine(l, "STARTTLS") || hasLine(l, "LOGINDISABLED") {
		t.Errorf("capabilities under TLS: %q", l)
	}
	c.mustOK("LOGIN alice secret")
}

func TestImplicitTLS(t *testing.T) {
	e := tlsEnv(t, true)
	c := e.dial()
	tc := tls.Client(c.c, &tls.Config{InsecureSkipVerify: true})
	c.c, c.br = tc, bufio.NewReader(tc)
	c.login("alice")
	if _, st := c.cmd("STARTTLS"); !strings.HasPrefix(st, "BAD") {
		t.Errorf("STARTTLS after login: %q", st)
	}
}

func TestExternalSSFAllowsLogin(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.Auth = newEnvAuth(false); o.ExternalSSF = 2 })
	c := e.dial()
	if g := c.line(); strings.Contains(g, "LOGINDISABLED") {
		t.Fatalf("-p 2 still LOGINDISABLED: %q", g)
	}
	c.mustOK("LOGIN alice secret")
}

func TestNoPasswordCheck(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.NoPasswordCheck = true })
	c := e.dial()
	c.line()
	c.mustOK("LOGIN alice anything")
}

func TestAutologout(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.testTimeout = 200 * time.Millisecond })
	c := e.dial()
	c.line()
	if l := c.line(); !strings.HasPrefix(l, "* BYE") {
		t.Fatalf("after timeout: %q", l)
	}
	if New(Options{Timeout: time.Minute, Auth: e.srv.opts.Auth}).opts.Timeout != minTimeout {
		t.Error("timeout below 30 minutes not raised")
	}
}
