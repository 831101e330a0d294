package server

import (
	"os"
	"os/signal"
	"slices"
	"sync"
	"syscall"
	"time"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/procinfo"
)

// KickSignal is what cyr_kick sends an imapd after writing its kick
// request (procinfo.RequestKick): the sessions named end with BYE and the
// worker goes on serving. It does not exit: the worker is healthy, and
// master would only fork another one in its place.
const KickSignal = syscall.SIGUSR1

// kickText is the BYE a kicked session gets.
const kickText = "Session ended by the administrator"

// kickGrace bounds how long a kick keeps interrupting a session that
// has not ended yet (see kickNow).
const kickGrace = 5 * time.Second

var kickOnce sync.Once

// watchKicks starts catching KickSignal, once per process.
func watchKicks() {
	kickOnce.Do(func() {
		ch := make(chan os.Signal, 4)
		signal.Notify(ch, KickSignal)
		go func() {
			for range ch {
				takeKicks()
			}
		}()
	})
}

// takeKicks acts on this process's kick requests in every proc dir.
func takeKicks() {
	procs.Lock()
	var doomed []*Session
	for _, d := range procs.dirs {
		users, err := procinfo.TakeKick(d.dir, os.Getpid())
		if err != nil || len(users) == 0 {
			continue
		}
		all := slices.Contains(users, procinfo.KickAll)
		for _, s := range d.sessions {
			if all || s.proc.last.User != "" && slices.Contains(users, s.proc.last.User) {
				doomed = append(doomed, s)
			}
		}
	}
	procs.Unlock()
	for _, s := range doomed {
		go s.kickNow()
	}
}

// kickNow marks the session kicked and interrupts its read; the session
// goroutine then says BYE (kicked). A read deadline set by the session
// itself just after ours would undo it, so the interruption is repeated
// until the session ends or kickGrace passes.
func (s *Session) kickNow() {
	s.proc.kicked.Store(true)
	deadline := time.NewTimer(kickGrace)
	defer deadline.Stop()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		_ = s.conn.SetReadDeadline(time.Unix(1, 0))
		select {
		case <-s.proc.done:
			return
		case <-deadline.C:
			return
		case <-tick.C:
		}
	}
}

// kicked reports whether cyr_kick ended the session, after saying BYE.
func (s *Session) kicked() bool {
	if !s.proc.kicked.Load() {
		return false
	}
	s.w.Status("", imap.StatusResponseTypeBye, noCode, kickText)
	s.w.Flush()
	s.log.Info().Msg("session ended by cyr_kick")
	s.done = true
	s.proc.kicked.Store(false) // one BYE
	return true
}
