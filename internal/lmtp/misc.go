package lmtp

// cmdRset: RFC 5321 §4.1.1.5.
func (s *session) cmdRset(arg string) error {
	if arg != "" {
		return fail(501, "5.5.4", "Syntax: RSET")
	}
	s.resetTx()
	s.send(replyOK)
	return nil
}

// cmdNoop: RFC 5321 §4.1.1.9 (an argument is allowed and ignored).
func (s *session) cmdNoop(string) error {
	s.send(replyOK)
	return nil
}

// cmdQuit: RFC 5321 §4.1.1.10.
func (s *session) cmdQuit(string) error {
	s.reply(221, "2.0.0", "bye")
	s.quit = true
	return nil
}

// cmdVrfy: as Cyrus, no verification; try delivery instead (RFC 5321
// §3.5.3 allows 252).
func (s *session) cmdVrfy(arg string) error {
	if arg == "" {
		return fail(501, "5.5.4", "Syntax: VRFY address")
	}
	s.reply(252, "2.3.3", "Try RCPT to attempt delivery")
	return nil
}

// cmdHelp: RFC 5321 §4.1.1.8.
func (s *session) cmdHelp(string) error {
	s.reply(214, "2.0.0", "Commands: LHLO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP STARTTLS AUTH")
	return nil
}
