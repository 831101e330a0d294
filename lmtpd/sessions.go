package main

import (
	"net"
	"os"
	"sync"

	"github.com/corvusmail/corvus/internal/lmtp"
	"github.com/corvusmail/corvus/internal/procinfo"
	"github.com/corvusmail/corvus/internal/service"
	"github.com/corvusmail/corvus/internal/userdeny"
)

// admin is lmtpd's part in the admin tools: its line in the proc
// directory (cyr_info proc: client host and authenticated identity) and
// the user deny list (cyr_deny) applied to that identity. A worker serves
// one connection at a time, so there is one line.
type admin struct {
	service string
	table   *procinfo.Table
	deny    *userdeny.Checker
	log     func(err error)

	mu    sync.Mutex
	id    uint64
	entry procinfo.Entry
}

func newAdmin(w *service.Worker) *admin {
	dir := w.Config.String("configdirectory")
	return &admin{
		service: w.Service,
		table:   procinfo.NewTable(procinfo.NewFile(procinfo.Dir(dir), os.Getpid())),
		deny:    userdeny.NewChecker(userdeny.Path(dir)),
		log:     func(err error) { w.Log.Warn().Err(err).Msg("proc file not written") },
	}
}

// track lists the connection until the returned function is called. A
// pre-authorised client on a unix socket is known by its peer user (the
// MTA), as its telemetry is.
func (a *admin) track(c net.Conn, preAuth bool) func() {
	if a == nil {
		return func() {}
	}
	e := procinfo.Entry{Service: a.service, Host: clientHost(c), State: procinfo.StateLMTP}
	if preAuth {
		e.User = peerUser(c)
	}
	a.mu.Lock()
	a.id++
	id := a.id
	a.entry = e
	a.mu.Unlock()
	a.set(id, e)
	return func() {
		a.table.Delete(id)
		a.flush()
	}
}

func (a *admin) set(id uint64, e procinfo.Entry) {
	if a.table.Set(id, e) {
		a.flush()
	}
}

func (a *admin) flush() {
	if err := a.table.Flush(); err != nil {
		a.log(err)
	}
}

// refuse applies the deny list to the client's identity, at each RCPT:
// the AUTH identity, or a pre-authorised client's peer user. A denied
// client's recipients get a temporary failure with the entry's message,
// so the MTA keeps the mail queued until the entry is lifted. The proc
// line learns the AUTH identity here too.
func (a *admin) refuse(env *lmtp.Envelope) (lmtp.Reply, bool) {
	if a == nil {
		return lmtp.Reply{}, false
	}
	a.mu.Lock()
	id, e := a.id, a.entry
	if env.Identity.Authz != "" && e.User != env.Identity.Authz {
		e.User = env.Identity.Authz
		a.entry = e
		a.mu.Unlock()
		a.set(id, e)
	} else {
		a.mu.Unlock()
	}
	if d, denied := a.deny.Check(e.User, a.service); denied {
		return lmtp.Reply{Code: 451, Enhanced: "4.7.1", Text: d.Text()}, true
	}
	return lmtp.Reply{}, false
}

// clientHost is the client as proc files show it, "[address]".
func clientHost(c net.Conn) string {
	if a, ok := c.RemoteAddr().(*net.TCPAddr); ok {
		return "[" + a.IP.String() + "]"
	}
	return "[local]"
}
