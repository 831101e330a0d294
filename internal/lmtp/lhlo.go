package lmtp

import (
	"strconv"
	"strings"
)

// greet sends the greeting (RFC 2033 §4.1 example, Cyrus's form).
func (s *session) greet() {
	text := "LMTP ready"
	if s.opt.Greeting != "" {
		text = "LMTP " + oneLine(s.opt.Greeting) + " ready"
	}
	s.send(Reply{220, "", s.opt.ServerName + " " + text})
}

// cmdLHLO: RFC 2033 §4.1. Like EHLO it resets any transaction (RFC 5321
// §4.1.4).
func (s *session) cmdLHLO(arg string) error {
	name, _, _ := strings.Cut(arg, " ")
	if name == "" {
		return fail(501, "5.5.4", "Syntax: LHLO hostname")
	}
	s.resetTx()
	s.lhlo = cleanLHLO(name)
	caps := s.capabilities()
	_, _ = s.w.WriteString("250-" + s.opt.ServerName + "\r\n")
	for i, c := range caps {
		sep := "-"
		if i == len(caps)-1 {
			sep = " "
		}
		_, _ = s.w.WriteString("250" + sep + c + "\r\n")
	}
	return nil
}

// capabilities lists the LHLO keywords for the session's state, in
// Cyrus's order (CHUNKING, which Cyrus lacks, after SIZE).
func (s *session) capabilities() []string {
	caps := []string{"8BITMIME", "ENHANCEDSTATUSCODES", "PIPELINING"}
	if s.opt.MaxMessageSize > 0 {
		caps = append(caps, "SIZE "+strconv.FormatInt(s.opt.MaxMessageSize, 10))
	} else {
		caps = append(caps, "SIZE") // RFC 1870 §4: no limit announced
	}
	caps = append(caps, "CHUNKING")
	// As Cyrus: neither STARTTLS nor AUTH once the client counts as
	// authenticated.
	if s.opt.TLS != nil && s.tlsState == nil && !s.authenticated() {
		caps = append(caps, "STARTTLS")
	}
	if s.opt.Auth != nil && !s.authenticated() {
		if mechs := s.opt.Auth.Mechanisms(s.connState()); len(mechs) > 0 {
			caps = append(caps, "AUTH "+strings.Join(mechs, " "))
		}
	}
	return append(caps, "IGNOREQUOTA")
}

// cleanLHLO keeps the client's name fit for the Received header: at most
// 255 octets of printable ASCII.
func cleanLHLO(name string) string {
	if len(name) > 255 {
		name = name[:255]
	}
	b := []byte(name)
	for i, c := range b {
		if c <= ' ' || c >= 127 || c == '(' || c == ')' {
			b[i] = '?'
		}
	}
	return string(b)
}

// cmdHELO answers HELO and EHLO: RFC 2033 §4.1 has LMTP servers accept
// only LHLO.
func (s *session) cmdHELO(string) error {
	return fail(500, "5.5.1", "This is LMTP: use LHLO")
}
