package hibernate

import (
	"context"
	"net"
	"os"
	"time"

	"github.com/rs/zerolog"
	"golang.org/x/sys/unix"

	"github.com/corvusmail/corvus/internal/handoff"
	"github.com/corvusmail/corvus/internal/imap/sessionstate"
)

// Resumer continues a session from its state on the client connection.
// The IMAP server's Resume is one.
type Resumer interface {
	Resume(ctx context.Context, c net.Conn, st *sessionstate.State) error
}

// Thawer is the imapd -R worker's connection handler: each connection on
// the thaw service is idled handing over one hibernated session, which
// this worker then serves to the end (one use for -U).
type Thawer struct {
	Server Resumer
	Log    zerolog.Logger
}

// ServeConn takes the session idled sends on c and serves it.
func (t *Thawer) ServeConn(ctx context.Context, c net.Conn) {
	uc, ok := c.(*net.UnixConn)
	if !ok {
		t.Log.Warn().Str("remote", c.RemoteAddr().String()).Msg("thaw service reached over a non-unix socket; closed")
		return
	}
	fd, rec, err := handoff.Receive(uc, time.Now().Add(handOverTimeout))
	if err != nil {
		t.Log.Warn().Err(err).Msg("thaw hand-over failed")
		return
	}
	var st sessionstate.State
	if err := st.UnmarshalBinary(rec); err != nil {
		unix.Close(fd)
		handoff.Answer(uc, false)
		t.Log.Warn().Err(err).Msg("thaw: bad session state")
		return
	}
	f := os.NewFile(uintptr(fd), "client")
	client, err := net.FileConn(f)
	f.Close()
	if err != nil {
		handoff.Answer(uc, false)
		t.Log.Warn().Err(err).Msg("thaw: not a socket")
		return
	}
	defer client.Close()
	if err := handoff.Answer(uc, true); err != nil {
		return // idled keeps the session and retries
	}
	if err := t.Server.Resume(ctx, client, &st); err != nil {
		t.Log.Info().Err(err).Str("user", st.User).Msg("hibernated session not resumed")
	}
}
