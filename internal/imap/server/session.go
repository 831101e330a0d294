package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"sync/atomic"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/rs/zerolog"

	"github.com/corvusmail/corvus/internal/auth"
	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/store"
	"github.com/corvusmail/corvus/internal/telemetry"
)

// connState is the RFC 9051 §3 connection state.
type connState uint8

const (
	stateNotAuth connState = 1 << iota
	stateAuth
	stateSelected
	stateLogout
)

// maxBadInRow: as Cyrus, the connection is closed after this many
// syntax errors in a row.
const maxBadInRow = 10

var sessionCounter atomic.Uint64

// Session is one client connection.
type Session struct {
	srv  *Server
	ctx  context.Context
	conn net.Conn
	tap  *inputTap
	pace *pacer // read deadlines (deadline.go)
	r    *wire.Reader
	w    *wire.Writer
	log  zerolog.Logger
	// anonLog is log before login added the user, for UNAUTHENTICATE.
	anonLog zerolog.Logger
	id      string

	state    connState
	tls      bool
	deflate  bool // COMPRESS=DEFLATE is on (RFC 4978)
	user     string
	admin    bool
	acct     store.Account
	tele     *telemetry.Log
	throttle *auth.Throttle
	enabled  map[imap.Cap]bool
	sel      *selected
	// searchRes is the SEARCHRES saved result (RFC 5182), as UIDs.
	searchRes imap.UIDSet
	badInRow  int
	// idleTag is the tag of the IDLE in progress and idleDeadline when
	// it ends (imapidletimeout), for a hand-over.
	idleTag      string
	idleDeadline time.Time
	done         bool
	// spool holds the temporary files of the APPEND being read.
	spool []*os.File
	// handedOver: the connection went to Options.Hibernate.
	handedOver bool
	stop       func() bool
	proc       procSlot // proc file line and cyr_kick (procinfo.go)
	// service is the cyrus.conf service a thawed session first came in
	// on; "" for a session that began here (serviceName).
	service string
}

func (s *Server) newSession(ctx context.Context, c net.Conn) *Session {
	n := sessionCounter.Add(1)
	sess := &Session{
		srv: s, ctx: ctx, conn: c, state: stateNotAuth,
		enabled: map[imap.Cap]bool{},
		id:      fmt.Sprintf("%s-%d-%d-%d", s.opts.ServerName, os.Getpid(), time.Now().Unix(), n),
	}
	sess.log = s.opts.Log.With().Str("remote", c.RemoteAddr().String()).Str("session", sess.id).Logger()
	sess.tap = &inputTap{src: c, sess: sess}
	sess.pace = sess.newSessionPacer()
	sess.r = wire.NewReader(sess.tap, sess.readerOptions())
	sess.w = wire.NewWriter(sess.guardWrites(c))
	sess.w.SetObserver(func(chunk []byte) { sess.tele.Output(chunk) })
	sess.throttle = auth.NewThrottle(auth.PauseFor(s.opts.FailedLoginPause), nil, nil)
	// On shutdown, unblock whatever read is pending so the loop ends.
	sess.stop = context.AfterFunc(ctx, func() { _ = c.SetReadDeadline(time.Unix(1, 0)) })
	return sess
}

func (s *Session) readerOptions() wire.ReaderOptions {
	return wire.ReaderOptions{
		LiteralPlus: true,
		Continue: func() error {
			s.w.Continue("Ready for literal data")
			return s.w.Flush()
		},
		Literal: s.pacedLiteral,
	}
}

// close ends the session: the selected mailbox, the account and the
// telemetry log. The connection itself belongs to the caller.
func (s *Session) close() {
	s.stop()
	s.leaveProc()
	s.unselect()
	if s.acct != nil {
		s.acct.Close()
		s.acct = nil
	}
	s.tele.Close(s.state == stateLogout)
}

// loop reads and answers commands in order until LOGOUT, an error or
// too many syntax errors. Pipelined commands are simply read one after
// the other: each is answered before the next is read (RFC 9051 §5.5).
func (s *Session) loop() {
	for !s.done {
		if !s.checkShutdown() || s.shuttingDown() {
			return
		}
		s.armRead()
		cmd, err := s.r.ReadCommand()
		s.pace.disarm()
		s.tap.commandRead(s.r)
		if err != nil {
			if !s.readError(err) {
				return
			}
			continue
		}
		if !s.checkShutdown() {
			return
		}
		s.dispatch(cmd)
		s.dropSpool()
		if s.morePipelined() {
			continue // answer the whole batch in one write, as Cyrus
		}
		if err := s.w.Flush(); err != nil {
			return
		}
	}
}

// readError answers a command the reader could not frame and reports
// whether the session goes on.
func (s *Session) readError(err error) bool {
	if s.kicked() {
		return false
	}
	var se *wire.SyntaxError
	var le *wire.LiteralError
	switch {
	case errors.As(err, &se):
		if errors.Is(err, wire.ErrEmptyCommand) {
			return true // as Cyrus, an empty line is ignored
		}
		return s.syntaxError(se.Tag, se.Reason)
	case errors.As(err, &le):
		s.literalRefused(le)
		s.w.Flush()
		return !le.Fatal
	case errors.Is(err, io.EOF):
		return false
	default:
		if ne, ok := err.(net.Error); ok && ne.Timeout() && s.ctx.Err() == nil {
			s.timedOut()
		} else if s.ctx.Err() != nil {
			s.w.Status("", imap.StatusResponseTypeBye, noCode, "Server shutting down")
		}
		s.w.Flush()
		return false
	}
}

// syntaxError answers BAD and counts: as Cyrus, ten in a row close the
// connection.
func (s *Session) syntaxError(tag, reason string) bool {
	s.w.Status(tag, imap.StatusResponseTypeBad, noCode, reason)
	s.badInRow++
	if s.badInRow >= maxBadInRow {
		s.w.Status("", imap.StatusResponseTypeBye, noCode, "Too many protocol errors")
		s.w.Flush()
		s.done = true // whichever caller: after BYE the connection closes
		return false
	}
	return s.w.Flush() == nil
}

// shuttingDown reports a cancelled context (the worker was told to stop)
// and says BYE. It is checked before each read because each read sets a
// fresh deadline, which would undo the one the cancellation set.
func (s *Session) shuttingDown() bool {
	if s.ctx.Err() == nil {
		return false
	}
	s.w.Status("", imap.StatusResponseTypeBye, noCode, "Server shutting down")
	s.w.Flush()
	return true
}

// morePipelined reports whether a complete command line is already
// buffered, so the answers so far can wait for the next one's and go out
// together. A partial line does not count: the client may be waiting.
func (s *Session) morePipelined() bool {
	return !s.done && bytes.IndexByte(s.r.Buffered(), '\n') >= 0
}
