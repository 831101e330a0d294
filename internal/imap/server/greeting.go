package server

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
)

// greet sends the greeting and, as Cyrus, msg/motd as an ALERT right
// after it. It reports whether the connection is still usable.
func (s *Session) greet() bool {
	s.w.Status("", imap.StatusResponseTypeOK, wire.CapabilityCode(s.capabilities()), s.greetingText())
	if motd, ok := s.msgFile("motd"); ok {
		s.w.Status("", imap.StatusResponseTypeOK, wire.PlainCode(imap.ResponseCodeAlert), motd)
	}
	return s.w.Flush() == nil
}

// greetingText follows serverinfo as Cyrus: "on" gives the server name
// and product with version, "min" the server name only, "off" neither.
func (s *Session) greetingText() string {
	o := s.srv.opts
	var b strings.Builder
	if o.ServerInfo != "off" && o.ServerName != "" {
		b.WriteString(o.ServerName + " ")
	}
	if o.ServerInfo == "on" {
		b.WriteString("Corvus IMAP " + o.Version + " ")
	}
	b.WriteString("server ready")
	return b.String()
}

// msgFile returns the first line of <configdirectory>/msg/<name>, read
// afresh each time (as Cyrus, edits apply to the next connection or
// command), with CR/LF and leading '[' removed so the text cannot forge a
// response code.
func (s *Session) msgFile(name string) (string, bool) {
	if s.srv.opts.ConfigDir == "" {
		return "", false
	}
	f, err := os.Open(filepath.Join(s.srv.opts.ConfigDir, "msg", name))
	if err != nil {
		return "", false
	}
	defer f.Close()
	line, _ := bufio.NewReader(f).ReadString('\n')
	line = strings.TrimRight(line, "\r\n")
	return strings.TrimLeft(line, "["), true
}

// checkShutdown implements msg/shutdown: as Cyrus, a logged-in non-admin
// gets "* BYE [ALERT] <text>" before any further command (and right after
// the login that authenticated), then the connection closes. It reports
// whether the session may go on.
func (s *Session) checkShutdown() bool {
	if !s.syncProc() {
		return false
	}
	if s.state&(stateAuth|stateSelected) == 0 || s.admin {
		return true
	}
	text, ok := s.msgFile("shutdown")
	if !ok {
		return s.checkDeny()
	}
	s.w.Status("", imap.StatusResponseTypeBye, wire.PlainCode(imap.ResponseCodeAlert), text)
	s.w.Flush()
	s.log.Info().Str("user", s.user).Msg("shutdown file: session closed")
	return false
}
