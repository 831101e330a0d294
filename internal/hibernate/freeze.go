package hibernate

import (
	"net"
	"syscall"
	"time"

	"github.com/rs/zerolog"

	"github.com/corvusmail/corvus/internal/handoff"
	"github.com/corvusmail/corvus/internal/imap/sessionstate"
)

// SocketPath is where idled takes frozen sessions, given idlesocket.
func SocketPath(idleSocket string) string { return idleSocket + ".hibernate" }

// handOverTimeout bounds a hand-over: idled answers at once or not at all.
const handOverTimeout = 2 * time.Second

// Freezer is imapd's side: its Hibernate method is the imap server's
// Options.Hibernate.
type Freezer struct {
	// Socket is idled's hibernation socket (SocketPath).
	Socket string
	Log    zerolog.Logger
}

// Hibernate hands c and st to idled and reports whether idled took them.
// When it did, the session is idled's: the caller stops using c (closing
// its own descriptor is fine). Any failure leaves the session here, in
// IDLE, as if hibernation were off.
func (f *Freezer) Hibernate(c net.Conn, st *sessionstate.State) bool {
	sc, ok := c.(syscall.Conn)
	if !ok {
		return false // a TLS or test connection: nothing to hand over
	}
	rec, err := st.MarshalBinary()
	if err != nil {
		f.Log.Warn().Err(err).Msg("session state not encodable; not hibernated")
		return false
	}
	d := net.Dialer{Timeout: handOverTimeout}
	conn, err := d.Dial("unix", f.Socket)
	if err != nil {
		f.Log.Debug().Err(err).Msg("idled not taking sessions; not hibernated")
		return false
	}
	defer conn.Close()
	if err := handoff.Send(conn.(*net.UnixConn), sc, rec, time.Now().Add(handOverTimeout)); err != nil {
		f.Log.Debug().Err(err).Msg("not hibernated")
		return false
	}
	f.Log.Debug().Str("user", st.User).Msg("session hibernated in idled")
	return true
}
