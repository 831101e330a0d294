package lmtp

import "strings"

// command handles one verb; arg is the rest of the line after the first
// space, trailing blanks removed. An error it returns ends the session,
// unless it is a *failure, whose reply is sent instead.
type command func(s *session, arg string) error

// commands maps upper-case verbs to handlers.
var commands = map[string]command{
	"LHLO":     (*session).cmdLHLO,
	"HELO":     (*session).cmdHELO,
	"EHLO":     (*session).cmdHELO,
	"MAIL":     (*session).cmdMail,
	"RCPT":     (*session).cmdRcpt,
	"DATA":     (*session).cmdData,
	"BDAT":     (*session).cmdBdat,
	"RSET":     (*session).cmdRset,
	"NOOP":     (*session).cmdNoop,
	"QUIT":     (*session).cmdQuit,
	"VRFY":     (*session).cmdVrfy,
	"HELP":     (*session).cmdHelp,
	"STARTTLS": (*session).cmdStartTLS,
	"AUTH":     (*session).cmdAuth,
}

// dispatch runs one command line.
func (s *session) dispatch(line string) error {
	verb, arg, _ := strings.Cut(line, " ")
	verb = strings.ToUpper(verb)
	arg = strings.TrimRight(arg, " \t")
	if err := s.checkShutdown(verb); err != nil {
		return err
	}
	h, ok := commands[verb]
	if !ok {
		s.reply(500, "5.5.2", "Syntax error")
		return nil
	}
	return s.answer(h(s, arg))
}

// checkShutdown: as Cyrus, while a shutdown file exists only LHLO, NOOP
// and QUIT are answered; anything else gets 421 and the end.
func (s *session) checkShutdown(verb string) error {
	if s.opt.Shutdown == nil || verb == "LHLO" || verb == "NOOP" || verb == "QUIT" {
		return nil
	}
	msg, down := s.opt.Shutdown()
	if !down {
		return nil
	}
	s.reply(421, "4.3.2", oneLine(msg))
	return errClose
}

// oneLine keeps text on one reply line.
func oneLine(t string) string {
	return strings.Map(func(c rune) rune {
		if c == '\r' || c == '\n' || c == 0 {
			return ' '
		}
		return c
	}, t)
}
