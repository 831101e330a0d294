package lmtp

import (
	"crypto/tls"
	"fmt"
	"net"
	"strings"
	"sync/atomic"
	"time"
)

// Counters making session and message ids unique within the process.
var sessionCount, messageCount atomic.Uint64

// newSessionID returns a Cyrus-style session id:
// <servername>-<pid>-<unix time>-<n>.
func newSessionID(server string) string {
	return fmt.Sprintf("%s-%s-%d-%d", server, pid, time.Now().Unix(), sessionCount.Add(1))
}

// newMessageID makes the Message-ID added to messages without one, in
// Cyrus's form (<cmu-lmtpd-pid-time-n@servername>) with our name.
func newMessageID(server string, now time.Time) string {
	return fmt.Sprintf("<corvus-lmtpd-%s-%d-%d@%s>", pid, now.Unix(), messageCount.Add(1), server)
}

// formatDate is the RFC 5322 §3.3 date-time for trace headers.
func formatDate(t time.Time) string {
	return t.Format("Mon, 2 Jan 2006 15:04:05 -0700")
}

// traceHeaders returns the Return-Path and Received fields lmtpd puts on
// top of every message, as Cyrus: the reverse-path gets @servername when
// it has no domain; Received says LMTP, S after STARTTLS, A when the
// client is authenticated (always, as lmtpd delivers for authenticated
// clients only), and is folded like Cyrus's.
func (s *session) traceHeaders(now time.Time) string {
	var b strings.Builder
	from := s.tx.env.From
	if from != "" && !strings.Contains(from, "@") {
		from += "@" + s.opt.ServerName
	}
	fmt.Fprintf(&b, "Return-Path: <%s>\r\n", from)
	fmt.Fprintf(&b, "Received: from %s (%s)\r\n", s.lhlo, clientHost(s.remote))
	if s.authed {
		fmt.Fprintf(&b, "\t(authenticated user=%s bits=%d)\r\n",
			cleanLHLO(s.ident.Authz), s.connState().SSF())
	}
	with := "LMTP"
	if s.tlsState != nil {
		with += "S"
	}
	if s.authenticated() {
		with += "A"
	}
	fmt.Fprintf(&b, "\tby %s (Corvus) with %s", s.opt.ServerName, with)
	if st := s.tlsState; st != nil {
		fmt.Fprintf(&b, "\r\n\t(version=%s cipher=%s)",
			strings.ReplaceAll(tls.VersionName(st.Version), " ", ""), tls.CipherSuiteName(st.CipherSuite))
	}
	fmt.Fprintf(&b, "\r\n\tid %s; %s\r\n", s.id, formatDate(now))
	return b.String()
}

// clientHost names the peer in Received: its IP address literal, or, as
// Cyrus, "[unix socket]". No reverse lookup is done.
func clientHost(a net.Addr) string {
	switch a := a.(type) {
	case *net.TCPAddr:
		return "[" + a.IP.String() + "]"
	case *net.UnixAddr:
		return "[unix socket]"
	case nil:
		return "[local]"
	}
	host := a.String()
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	return "[" + cleanLHLO(host) + "]"
}
