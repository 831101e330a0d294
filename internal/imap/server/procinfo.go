package server

import (
	"net"
	"os"
	"sync"
	"sync/atomic"

	"github.com/corvusmail/corvus/internal/procinfo"
)

// procSlot is a session's line in this process's proc file
// (<configdirectory>/proc/<pid>, as Cyrus's imapd keeps one), and what
// cyr_kick needs to end it.
type procSlot struct {
	id     uint64
	dir    *procDir // nil until the session first synced
	host   string
	last   procinfo.Entry
	kicked atomic.Bool
	done   chan struct{} // closed when the session leaves
}

// procDir is one configdirectory's proc file for this process, with the
// live sessions it lists. Tests run many servers in one process, each
// with its own configdirectory; a worker has one.
type procDir struct {
	dir      string
	table    *procinfo.Table
	sessions map[uint64]*Session
}

// procs holds every procDir of the process, by configdirectory.
var procs = struct {
	sync.Mutex
	dirs map[string]*procDir
}{dirs: map[string]*procDir{}}

var procIDs atomic.Uint64

// syncProc brings the session's proc line up to date and reports
// whether the session may go on: false once cyr_kick ended it (the BYE
// is sent). It is called before every command and at IDLE's start, and
// writes only when something changed: the state of the session, not the
// command, as Cyrus writes its command name each time.
func (s *Session) syncProc() bool {
	if s.kicked() {
		return false
	}
	if s.srv.opts.ConfigDir == "" {
		return true
	}
	if s.proc.dir == nil {
		s.joinProc()
	}
	e := procinfo.Entry{Service: s.serviceName(), Host: s.proc.host, User: s.user, State: s.procState()}
	if s.sel != nil {
		e.Mailbox = s.sel.name
	}
	if e == s.proc.last {
		return true
	}
	procs.Lock()
	s.proc.last = e
	procs.Unlock()
	if s.proc.dir.table.Set(s.proc.id, e) {
		if err := s.proc.dir.table.Flush(); err != nil {
			s.log.Warn().Err(err).Msg("proc file not written")
		}
	}
	return true
}

// procState names the session's state for its proc line.
func (s *Session) procState() string {
	switch {
	case s.idleTag != "":
		return procinfo.StateIdle
	case s.sel != nil:
		return procinfo.StateSelected
	case s.user != "":
		return procinfo.StateAuthenticated
	}
	return procinfo.StateConnected
}

// joinProc registers the session with its configdirectory's proc file,
// and makes sure the process answers cyr_kick's signal first: a signal
// nobody catches would kill the worker.
func (s *Session) joinProc() {
	watchKicks()
	dir := s.srv.opts.ConfigDir
	procs.Lock()
	defer procs.Unlock()
	d := procs.dirs[dir]
	if d == nil {
		pdir := procinfo.Dir(dir)
		d = &procDir{dir: pdir, table: procinfo.NewTable(procinfo.NewFile(pdir, os.Getpid())), sessions: map[uint64]*Session{}}
		procs.dirs[dir] = d
	}
	s.proc.id = procIDs.Add(1)
	s.proc.dir = d
	s.proc.host = clientHost(s.conn.RemoteAddr())
	s.proc.done = make(chan struct{})
	d.sessions[s.proc.id] = s
}

// leaveProc removes the session's line when it ends: at LOGOUT, on a
// dropped connection, or when it hibernates (idled then lists it).
func (s *Session) leaveProc() {
	d := s.proc.dir
	if d == nil {
		return
	}
	procs.Lock()
	delete(d.sessions, s.proc.id)
	procs.Unlock()
	close(s.proc.done)
	d.table.Delete(s.proc.id)
	if err := d.table.Flush(); err != nil {
		s.log.Warn().Err(err).Msg("proc file not updated")
	}
	s.proc.dir = nil
}

// clientHost is the client as Cyrus's proc files show it, "[address]";
// Corvus does no reverse DNS lookup for it.
func clientHost(a net.Addr) string {
	switch a := a.(type) {
	case *net.TCPAddr:
		return "[" + a.IP.String() + "]"
	case nil:
		return "[local]"
	}
	if s := a.String(); s != "" && s != "@" {
		return "[" + s + "]"
	}
	return "[local]"
}
