package server

import (
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
)

func init() {
	register(func(r *registry) {
		r.capPost(imap.CapIdle)
		r.add("IDLE", authed, (*Session).cmdIdle)
	})
}

// cmdIdle: RFC 2177 / RFC 9051 §6.3.13. idled wakes the session when the
// selected mailbox changes; the store is also polled every imapidlepoll,
// which finds changes while idled is down, as Cyrus falls back to.
func (s *Session) cmdIdle(cmd *wire.Command) error {
	if err := cmd.Decoder().End(); err != nil {
		return err
	}
	if s.srv.opts.IdlePoll <= 0 {
		return no(imap.ResponseCodeCannot, "IDLE is disabled")
	}
	if err := s.update(true); err != nil {
		return err
	}
	s.w.Continue("idling")
	if err := s.w.Flush(); err != nil {
		return err
	}
	return s.idle(cmd.Tag)
}

// idleLine is what the reading goroutine got during IDLE.
type idleLine struct {
	text []byte
	err  error
}

// idle waits for DONE while reporting changes, the shutdown file and
// the IDLE timeout; it may hand the connection to Options.Hibernate.
func (s *Session) idle(tag string) error {
	s.idleTag = tag
	if s.idleDeadline.IsZero() {
		s.idleDeadline = time.Now().Add(s.srv.opts.IdleTimeout)
	}
	defer func() { s.idleTag, s.idleDeadline = "", time.Time{} }()
	if !s.syncProc() {
		return errAnswered
	}
	o := s.srv.opts
	lines := make(chan idleLine, 1)
	s.readIdleLine(lines)
	tick := time.NewTicker(o.IdlePoll)
	defer tick.Stop()
	var wake <-chan struct{}
	if o.Idled != nil && s.sel != nil {
		// The owner's mailbox id: another user's mailbox (ACL) is
		// announced under its owner.
		w, stop := o.Idled.Watch(s.selUser(), s.sel.mbox.ID())
		defer stop()
		wake = w
	}
	var hib <-chan time.Time
	if o.Hibernate != nil && o.HibernateAfter > 0 && s.mayHibernate() {
		hib = time.After(o.HibernateAfter)
	}
	for {
		select {
		case l := <-lines:
			return s.idleDone(tag, l)
		case <-s.ctx.Done():
			<-s.cancelRead(lines)
			s.shuttingDown()
			s.done = true
			return errAnswered
		case <-wake:
			if err := s.update(true); err != nil {
				return err
			}
			if err := s.w.Flush(); err != nil {
				return err
			}
		case <-tick.C:
			if !s.checkShutdown() {
				s.done = true
				<-s.cancelRead(lines)
				return errAnswered
			}
			if err := s.update(true); err != nil {
				return err
			}
			if err := s.w.Flush(); err != nil {
				return err
			}
		case <-hib:
			<-s.cancelRead(lines)
			if s.hibernate() {
				return errAnswered
			}
			// Hand-over refused: keep idling here, without asking again.
			hib = nil
			s.readIdleLine(lines)
		}
	}
}

// readIdleLine reads the client's next line (DONE) in the background,
// within imapidletimeout.
func (s *Session) readIdleLine(lines chan idleLine) {
	_ = s.conn.SetReadDeadline(s.idleDeadline)
	go func() {
		t, err := s.r.ReadLine()
		lines <- idleLine{t, err}
	}()
}

// cancelRead unblocks the reading goroutine and returns its channel.
func (s *Session) cancelRead(lines chan idleLine) chan idleLine {
	_ = s.conn.SetReadDeadline(time.Unix(1, 0))
	return lines
}

// idleDone answers the line that ended the IDLE.
func (s *Session) idleDone(tag string, l idleLine) error {
	if l.err != nil {
		s.done = true
		if s.readError(l.err) {
			return errAnswered
		}
		return errAnswered
	}
	if !strings.EqualFold(string(l.text), "DONE") {
		return bad("Expected DONE")
	}
	return ok(noCode, "IDLE terminated")
}

// mayHibernate reports whether the session can be frozen into a state
// record at all: TLS keeps its keys and sequence numbers in this process,
// so a TLS session stays here (as Dovecot keeps TLS in its login
// process); so does an admin's, which msg/shutdown must not end, and a
// session on another user's mailbox, whose owner and rights the state
// record does not carry.
func (s *Session) mayHibernate() bool {
	// A compressed session's DEFLATE state cannot travel either.
	return !s.tls && !s.admin && !s.deflate && (s.sel == nil || s.sel.owner == "")
}

// hibernate offers the session to Options.Hibernate; it reports whether
// the hook took it, in which case this session ends silently. Input
// already buffered (the client began a line) keeps the session here:
// idled learns of input by the socket becoming readable.
func (s *Session) hibernate() bool {
	if len(s.r.Buffered()) > 0 {
		return false
	}
	_ = s.conn.SetReadDeadline(time.Time{})
	st := s.snapshot()
	if !s.srv.opts.Hibernate(s.conn, st) {
		return false
	}
	s.handedOver = true
	s.done = true
	return true
}
