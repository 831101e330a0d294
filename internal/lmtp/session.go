package lmtp

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"os"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/rs/zerolog"

	"github.com/corvusmail/corvus/internal/auth"
)

// errClose ends the session after the reply already written.
var errClose = errors.New("lmtp: close connection")

// errLineTooLong reports a command line over the limit; the line has
// been consumed.
var errLineTooLong = errors.New("lmtp: line too long")

// session is one connection.
type session struct {
	srv *Server
	opt *Options
	ctx context.Context
	nc  *netConn
	r   *bufio.Reader
	w   *bufio.Writer
	log zerolog.Logger
	id  string

	remote   net.Addr
	lhlo     string               // "" until LHLO (again after STARTTLS)
	tlsState *tls.ConnectionState // nil until STARTTLS
	authed   bool                 // AUTH succeeded
	ident    auth.Identity
	throttle *auth.Throttle
	tx       *txn // nil outside a mail transaction
	quit     bool
	tap      tap // telemetry
}

// txn is one mail transaction, from MAIL to the end of the message.
type txn struct {
	env  Envelope
	bdat *spool // the message being received in BDAT chunks
}

// ServeConn serves one client from the greeting to QUIT, an error, a
// timeout or the end of ctx (421 4.3.2). It does not close c; the caller
// does. Whatever the client sends, it returns normally.
func (s *Server) ServeConn(ctx context.Context, c net.Conn) {
	sess := s.newSession(ctx, c)
	stop := context.AfterFunc(ctx, sess.nc.abort)
	defer stop()
	defer sess.close()
	defer func() {
		// The worker must live on for its next client even if a bug
		// slips through; the stack goes to the log.
		if v := recover(); v != nil {
			sess.log.Error().Interface("panic", v).Str("stack", string(debug.Stack())).
				Msg("lmtp session panicked")
		}
	}()
	sess.greet()
	sess.loop()
}

func (s *Server) newSession(ctx context.Context, c net.Conn) *session {
	sess := &session{srv: s, opt: &s.opt, ctx: ctx, remote: c.RemoteAddr(), id: newSessionID(s.opt.ServerName)}
	wt := s.opt.Timeout
	if s.opt.CommandTimeout > 0 {
		wt = min(wt, s.opt.CommandTimeout)
	}
	sess.nc = &netConn{c: c, writeTimeout: wt,
		pace: pace{now: time.Now, idle: s.opt.Timeout, line: s.opt.CommandTimeout}}
	sess.w = bufio.NewWriterSize(sess.nc, 4096)
	sess.nc.flush = sess.w.Flush
	sess.r = bufio.NewReaderSize(sess.nc, max(16384, s.opt.MaxLineLength+2, saslLineMax+2))
	sess.log = s.opt.Log.With().Str("sessionid", sess.id).Str("remote", addrString(sess.remote)).Logger()
	sess.throttle = auth.NewThrottle(auth.PauseFor(s.opt.FailedAuthPause), nil, nil)
	sess.log.Debug().Bool("preauth", s.opt.PreAuth).Msg("lmtp connection")
	sess.tap.sess = sess
	if sess.tap.on() {
		sess.nc.in, sess.nc.out = sess.tap.input, sess.tap.output
		if s.opt.PreAuth && s.opt.PeerIdentity != nil {
			sess.tap.openClient(s.opt.PeerIdentity(c))
		}
	}
	return sess
}

// close ends the session: any spool goes, pending replies go out.
func (s *session) close() {
	s.resetTx()
	_ = s.w.Flush()
	s.tap.close()
}

// loop reads and answers commands until QUIT or the connection ends.
func (s *session) loop() {
	for !s.quit {
		s.nc.pace.command(s.r.Buffered())
		line, err := s.readLine(s.opt.MaxLineLength)
		if errors.Is(err, errLineTooLong) {
			s.log.Warn().Msg("command line too long")
			s.reply(500, "5.5.2", "Line too long")
			continue
		}
		if err == nil {
			err = s.dispatch(line)
		}
		if err != nil {
			s.ended(err)
			return
		}
	}
}

// ended tells the client why the session ends, when it can still hear.
func (s *session) ended(err error) {
	var ne net.Error
	switch {
	case errors.Is(err, errClose):
	case s.ctx.Err() != nil || errors.Is(err, errAborted):
		s.reply(421, "4.3.2", s.opt.ServerName+" Service shutting down")
	case errors.As(err, &ne) && ne.Timeout():
		s.timedOut()
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, net.ErrClosed):
		s.log.Debug().Msg("client went away")
	default:
		s.log.Info().Err(err).Msg("connection ended")
	}
}

// readLine reads one line of at most limit octets with its line end,
// which is removed. A longer line is consumed and errLineTooLong
// returned. As Cyrus, a bare LF ends a command line too.
func (s *session) readLine(limit int) (string, error) {
	long := false
	for {
		frag, err := s.r.ReadSlice('\n')
		switch {
		case err == nil:
			if long || len(frag) > limit {
				return "", errLineTooLong
			}
			frag = frag[:len(frag)-1]
			if n := len(frag); n > 0 && frag[n-1] == '\r' {
				frag = frag[:n-1]
			}
			return string(frag), nil
		case errors.Is(err, bufio.ErrBufferFull):
			long = true
		default:
			return "", err
		}
	}
}

// reply queues one reply line; it goes out when the session next waits
// for input, or at the end.
func (s *session) reply(code int, enhanced, text string) {
	s.send(Reply{code, enhanced, text})
}

func (s *session) send(r Reply) {
	_, _ = s.w.WriteString(r.String())
	_, _ = s.w.WriteString("\r\n")
}

// answer sends the reply an error carries, or returns the error.
func (s *session) answer(err error) error {
	var f *failure
	if errors.As(err, &f) {
		s.send(f.r)
		return nil
	}
	return err
}

// resetTx ends the mail transaction, dropping any spooled data.
func (s *session) resetTx() {
	if s.tx != nil && s.tx.bdat != nil {
		s.tx.bdat.close()
	}
	s.tx = nil
	s.tap.endTx()
}

// authenticated says MAIL is allowed.
func (s *session) authenticated() bool { return s.opt.PreAuth || s.authed }

// addrString renders a peer address for logs.
func addrString(a net.Addr) string {
	if a == nil {
		return ""
	}
	return a.String()
}

// pid is this process's id, for session and message ids.
var pid = strconv.Itoa(os.Getpid())
