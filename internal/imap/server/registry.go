package server

import (
	"errors"
	"sort"
	"strings"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
)

// handler runs one command. It returns nil for "OK <NAME> completed", or
// a *result (see ok, no, bad) for any other tagged answer.
type handler func(s *Session, cmd *wire.Command) error

// command is one registry entry.
type command struct {
	states connState // where the command is allowed
	uid    bool      // also valid after the UID prefix (RFC 9051 §6.4.9)
	fn     handler
}

// registry maps command names to handlers and collects the capabilities
// the registered files implement, so CAPABILITY lists exactly those.
type registry struct {
	cmds map[string]command
	// appendLimit: APPEND is registered, so APPENDLIMIT is announced.
	appendLimit bool
	preAuth     []imap.Cap
	postAuth    []imap.Cap
}

var (
	anyState  = stateNotAuth | stateAuth | stateSelected
	authed    = stateAuth | stateSelected
	selectedS = stateSelected
)

// registrations holds what each command file adds in its init.
var registrations []func(r *registry)

func register(fn func(r *registry)) { registrations = append(registrations, fn) }

// commands builds the registry from every file's registration.
func commands() *registry {
	r := &registry{cmds: map[string]command{}}
	for _, fn := range registrations {
		fn(r)
	}
	sort.Slice(r.postAuth, func(i, j int) bool { return r.postAuth[i] < r.postAuth[j] })
	return r
}

func (r *registry) add(name string, states connState, fn handler) {
	r.cmds[name] = command{states: states, fn: fn}
}

func (r *registry) addUID(name string, fn handler) {
	r.cmds[name] = command{states: selectedS, uid: true, fn: fn}
}

// capPre adds capabilities advertised before and after login; capPost
// those advertised after login only.
func (r *registry) capPre(c ...imap.Cap)  { r.preAuth = append(r.preAuth, c...) }
func (r *registry) capPost(c ...imap.Cap) { r.postAuth = append(r.postAuth, c...) }

// dispatch runs cmd and writes its tagged answer.
func (s *Session) dispatch(cmd *wire.Command) {
	c, ok := s.srv.reg.cmds[cmd.Name]
	if !ok || (cmd.UID && !c.uid) {
		s.syntaxError(cmd.Tag, "Unrecognized command")
		return
	}
	if c.states&s.state == 0 {
		s.syntaxError(cmd.Tag, stateRefusal(s.state, c.states))
		return
	}
	mark, notify := s.changeMark(cmd)
	err := c.fn(s, cmd)
	if notify {
		s.notifyChanges(mark)
	}
	var se *wire.SyntaxError
	if errors.As(err, &se) {
		s.syntaxError(cmd.Tag, se.Reason)
		return
	}
	s.badInRow = 0
	if s.state == stateLogout {
		s.done = true
	}
	s.answer(cmd, err)
}

// stateRefusal says why a command is not valid in the current state.
func stateRefusal(current, allowed connState) string {
	switch {
	case current == stateNotAuth:
		return "Please login first"
	case allowed == stateNotAuth:
		return "Already authenticated"
	case allowed == stateSelected:
		return "Please select a mailbox first"
	}
	return "Command not valid in this state"
}

// answer writes the tagged status for a handler's result.
func (s *Session) answer(cmd *wire.Command, err error) {
	var res *result
	switch {
	case err == nil:
		name := cmd.Name
		if cmd.UID {
			name = "UID " + name
		}
		s.w.Status(cmd.Tag, imap.StatusResponseTypeOK, noCode, name+" completed")
	case errors.Is(err, errAnswered):
	case errors.As(err, &res):
		if res.typ == imap.StatusResponseTypeBad {
			s.badInRow++
		}
		s.w.Status(cmd.Tag, res.typ, res.code, res.text)
	default:
		s.log.Error().Err(err).Str("command", cmd.Name).Msg("command failed")
		s.w.Status(cmd.Tag, imap.StatusResponseTypeNo, wire.PlainCode(imap.ResponseCodeServerBug), "Server error")
	}
	if s.done {
		s.w.Flush()
	}
}

// result is a tagged answer other than a plain OK.
type result struct {
	typ  imap.StatusResponseType
	code wire.Code
	text string
}

func (r *result) Error() string { return string(r.typ) + " " + r.text }

var noCode wire.Code

// errAnswered: the handler wrote its tagged answer itself.
var errAnswered = errors.New("answered")

func ok(code wire.Code, text string) error {
	return &result{imap.StatusResponseTypeOK, code, text}
}

func no(code imap.ResponseCode, text string) error {
	c := noCode
	if code != "" {
		c = wire.PlainCode(code)
	}
	return &result{imap.StatusResponseTypeNo, c, text}
}

func bad(text string) error {
	return &result{imap.StatusResponseTypeBad, noCode, text}
}

// upper is strings.ToUpper for the ASCII words of the protocol.
func upper(s string) string { return strings.ToUpper(s) }
