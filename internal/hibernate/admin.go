package hibernate

import (
	"net"
	"os"
	"strings"
	"sync"

	"golang.org/x/sys/unix"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/procinfo"
	"github.com/corvusmail/corvus/internal/userdeny"
)

// DefaultDenyService is the service name a held session is checked
// under against the user deny list (cyr_deny -s) when its state record
// names none: "imap", the plain IMAP service of Cyrus's stock cyrus.conf
// (a hibernated session is never under TLS).
const DefaultDenyService = "imap"

// byeKicked is what cyr_kick's BYE reads in a live imapd
// (internal/imap/server).
var byeKicked = bye(wire.Code{}, "Session ended by the administrator")

// admin is what the Holder does for the admin tools: idled's proc file
// (one line per held session, cyr_info proc), the deny list (cyr_deny)
// and kicks (cyr_kick).
type admin struct {
	once    sync.Once
	table   *procinfo.Table // nil without a configdirectory
	deny    *userdeny.Checker
	service string // for the proc lines: idled's own
}

// setupAdmin prepares the proc table and deny checker on first use.
func (h *Holder) setupAdmin() *admin {
	a := &h.admin
	a.once.Do(func() {
		if h.opts.ConfigDir == "" {
			return
		}
		a.table = procinfo.NewTable(procinfo.NewFile(procinfo.Dir(h.opts.ConfigDir), os.Getpid()))
		a.deny = userdeny.NewChecker(userdeny.Path(h.opts.ConfigDir))
		a.service = os.Getenv("CYRUS_SERVICE")
		if a.service == "" {
			a.service = "idled"
		}
	})
	return a
}

// procSet lists x as hibernated; the file is written by the next sweep.
// Called with h.mu held, so it is ordered with procDel of the same fd.
func (h *Holder) procSet(x *held, mailbox string) {
	a := h.setupAdmin()
	if a.table == nil {
		return
	}
	a.table.Set(uint64(x.fd), procinfo.Entry{Service: a.service, Host: peerHost(int(x.fd)),
		User: x.key.user, Mailbox: mailbox, State: procinfo.StateHibernated})
}

// procDel forgets x's line. Called with h.mu held.
func (h *Holder) procDel(x *held) {
	if a := h.setupAdmin(); a.table != nil {
		a.table.Delete(uint64(x.fd))
	}
}

// closeAdmin removes idled's proc file once no session is held.
func (h *Holder) closeAdmin() {
	if a := h.setupAdmin(); a.table != nil {
		a.table.Flush()
	}
}

// sweepAdmin runs in the once-a-second sweep: held sessions of users
// now denied end with imapd's BYE, and the proc file is rewritten if the
// set of held sessions changed — at most once a second however many
// sessions come and go.
func (h *Holder) sweepAdmin() {
	a := h.setupAdmin()
	if a.table == nil {
		return
	}
	h.endDenied(a.deny)
	if err := a.table.Flush(); err != nil {
		h.log.Warn().Err(err).Msg("proc file not written")
	}
}

// endDenied ends the held sessions of users the deny list denies the
// service each came in on, each with "* BYE [ALERT] <message>".
func (h *Holder) endDenied(c *userdeny.Checker) {
	fallback := h.opts.DenyService
	if fallback == "" {
		fallback = DefaultDenyService
	}
	type doomed struct {
		x   *held
		msg []byte
	}
	list := c.Entries() // one stat; usually empty
	if len(list) == 0 {
		return
	}
	var out []doomed
	h.mu.Lock()
	for _, x := range h.byFD {
		service := x.service
		if service == "" {
			service = fallback // a record from an imapd that did not say
		}
		if e, ok := list[x.key.user]; ok && e.Denies(service) {
			out = append(out, doomed{x, byeAlert(strings.TrimLeft(e.Text(), "["))})
		}
	}
	h.mu.Unlock()
	for _, d := range out {
		h.end(d.x, d.msg)
	}
	if len(out) > 0 {
		h.log.Info().Int("sessions", len(out)).Msg("user denied: hibernated sessions closed")
	}
}

// Kick ends every held session of user with the BYE cyr_kick's live
// sessions get, and returns how many there were. idled calls it for an
// idle.Kick datagram.
func (h *Holder) Kick(user string) int {
	var out []*held
	h.mu.Lock()
	for _, x := range h.byFD {
		if x.key.user == user || user == procinfo.KickAll {
			out = append(out, x)
		}
	}
	h.mu.Unlock()
	for _, x := range out {
		h.end(x, byeKicked)
	}
	if len(out) > 0 {
		h.log.Info().Str("user", user).Int("sessions", len(out)).Msg("hibernated sessions ended by cyr_kick")
	}
	return len(out)
}

// peerHost is a held socket's client as proc files show it, "[address]".
func peerHost(fd int) string {
	sa, err := unix.Getpeername(fd)
	if err != nil {
		return "[local]"
	}
	switch sa := sa.(type) {
	case *unix.SockaddrInet4:
		return "[" + net.IP(sa.Addr[:]).String() + "]"
	case *unix.SockaddrInet6:
		return "[" + net.IP(sa.Addr[:]).String() + "]"
	}
	return "[local]"
}

// intern returns the one copy of a service name the Holder keeps, so
// ten thousand held sessions of service "imap" share its octets. Called
// with h.mu held.
func (h *Holder) intern(service string) string {
	if service == "" {
		return ""
	}
	if s, ok := h.services[service]; ok {
		return s
	}
	if h.services == nil {
		h.services = map[string]string{}
	}
	h.services[service] = service
	return service
}
