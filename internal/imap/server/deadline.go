package server

import (
	"context"
	"time"
)

// Read deadlines against slow clients ("slowloris"). Cyrus bounds only
// the time between commands (timeout, at least 30 minutes), so a client
// that trickles an octet every few seconds holds an imapd, and with
// prefork and maxchild a whole service, for as long as it likes. Corvus
// keeps Cyrus's autologout between commands and adds three bounds:
//   - before login, the whole not-authenticated state lasts at most
//     imap_prelogin_timeout (Dovecot's login processes do much the same);
//   - once the first octet of a command line has arrived, the line must
//     be complete within imap_command_timeout;
//   - a literal must bring literalMinProgress octets, or its rest, in
//     every imap_command_timeout.
//
// The pacer sees every octet the command reader takes from the
// connection (the telemetry tap calls it) and sets the connection's read
// deadline for the bound in force. Commands that read on their own
// (AUTHENTICATE's responses, IDLE's DONE) run with the pacer off.

// literalMinProgress is the least a literal must bring in each
// imap_command_timeout: about 270 octets a second at the default, far
// below any real link, far above one octet every few seconds.
const literalMinProgress = 16 << 10

// readPhase is what the session waits for from the client.
type readPhase uint8

const (
	phaseOff     readPhase = iota // a command reads on its own and sets its deadlines
	phaseIdle                     // between commands: no octet of the next one yet
	phaseLine                     // a command line (or the rest after a literal) has begun
	phaseLiteral                  // inside a literal
)

// bound names the limit a deadline stands for, to tell the client which
// one it ran into.
type bound uint8

const (
	boundIdle bound = iota
	boundLogin
	boundLine
	boundLiteral
)

// deadliner is the part of net.Conn the pacer drives.
type deadliner interface{ SetReadDeadline(time.Time) error }

// pacer sets read deadlines by phase; see the top of this file. It is
// used by the session's goroutine only.
type pacer struct {
	conn deadliner
	ctx  context.Context
	now  func() time.Time
	// idle is timeout, prelogin imap_prelogin_timeout and line
	// imap_command_timeout; 0 turns the latter two off.
	idle, prelogin, line time.Duration

	phase     readPhase
	authed    bool
	loginBy   time.Time // end of the not-authenticated allowance; zero: none
	idleUntil time.Time // autologout, from the start of the wait
	lineStart time.Time // first octet of the current line
	litLeft   int64     // octets of the literal still to come from the connection
	winStart  time.Time // start of the literal's current progress window
	winGot    int64     // octets of the literal in that window
	set       time.Time // the deadline last given to conn
	limit     bound     // what set stands for
}

// newPacer starts the clock of a new connection.
func newPacer(conn deadliner, ctx context.Context, idle, prelogin, line time.Duration) *pacer {
	p := &pacer{conn: conn, ctx: ctx, now: time.Now, idle: idle, prelogin: prelogin, line: line}
	p.notAuthenticated()
	return p
}

// notAuthenticated starts the pre-login allowance: at connect, and again
// after UNAUTHENTICATE (RFC 8437).
func (p *pacer) notAuthenticated() {
	p.authed = false
	p.loginBy = time.Time{}
	if p.prelogin > 0 {
		p.loginBy = p.now().Add(p.prelogin)
	}
}

// arm is called before each command is read. buffered is what the reader
// holds already: if anything, the next command has begun.
func (p *pacer) arm(authed bool, buffered int) {
	switch {
	case authed && !p.authed:
		p.authed, p.loginBy = true, time.Time{}
	case !authed && p.authed:
		p.notAuthenticated()
	}
	now := p.now()
	p.phase, p.idleUntil, p.set = phaseIdle, now.Add(p.idle), time.Time{}
	if buffered > 0 {
		p.phase, p.lineStart = phaseLine, now
	}
}

// disarm is called once a command is read: the command's own reads
// (AUTHENTICATE's responses) have until autologout, or until the end of
// the pre-login allowance.
func (p *pacer) disarm() {
	p.phase = phaseOff
	d := p.loginBy
	if d.IsZero() {
		d = p.now().Add(p.idle)
	}
	p.apply(d)
}

// literal is called when the reader is about to read a literal of size
// octets, buffered of which it may hold already.
func (p *pacer) literal(size int64, buffered int) {
	if p.phase == phaseOff {
		return
	}
	if p.litLeft = size - int64(buffered); p.litLeft <= 0 {
		return // all in memory: the line goes on
	}
	p.phase, p.winStart, p.winGot = phaseLiteral, p.now(), 0
}

// before is called before each read from the connection.
func (p *pacer) before() {
	if p.phase == phaseOff {
		return
	}
	d, b := p.deadline()
	p.limit = b
	if !d.Equal(p.set) {
		p.apply(d)
	}
}

// apply sets d on the connection. A cancelled context keeps its deadline
// in the past: the shutdown's AfterFunc may have run just before.
func (p *pacer) apply(d time.Time) {
	p.set = d
	_ = p.conn.SetReadDeadline(d)
	if p.ctx.Err() != nil {
		_ = p.conn.SetReadDeadline(time.Unix(1, 0))
	}
}

// after is called with the octets each read brought.
func (p *pacer) after(n int) {
	if n <= 0 {
		return
	}
	switch p.phase {
	case phaseIdle:
		p.phase, p.lineStart = phaseLine, p.now()
	case phaseLiteral:
		p.progress(int64(n))
	}
}

// progress counts n octets of a literal; past its end the rest of the
// command line starts.
func (p *pacer) progress(n int64) {
	now := p.now()
	if n >= p.litLeft {
		p.phase, p.lineStart, p.litLeft = phaseLine, now, 0
		return
	}
	p.litLeft -= n
	if p.winGot += n; p.winGot >= literalMinProgress {
		p.winStart, p.winGot = now, 0
	}
}

// deadline is the read deadline of the current phase and the bound it
// stands for. With imap_command_timeout off, a command has until
// autologout, as in Cyrus.
func (p *pacer) deadline() (time.Time, bound) {
	d, b := p.idleUntil, boundIdle
	switch {
	case p.line <= 0:
	case p.phase == phaseLine:
		d, b = p.lineStart.Add(p.line), boundLine
	case p.phase == phaseLiteral:
		d, b = p.winStart.Add(p.line), boundLiteral
	}
	if !p.loginBy.IsZero() && p.loginBy.Before(d) {
		d, b = p.loginBy, boundLogin
	}
	return d, b
}

// reason is the BYE text for a read that ran into the deadline.
func (p *pacer) reason() string {
	switch p.limit {
	case boundLogin:
		return "Autologout; no login within " + p.prelogin.String()
	case boundLine:
		return "Command line not complete within " + p.line.String()
	case boundLiteral:
		return "Literal data too slow"
	}
	return "Autologout; idle for too long"
}
