package service

import (
	"net"
)

// keepAlive turns TCP keepalive on for an accepted connection with the
// kernel's timings (net.KeepAliveConfig -1), as Cyrus's setsockopt
// SO_KEEPALIVE does; Go's own default (15 s) would be far more eager.
// Cyrus's tcp_keepalive* options are not in Corvus's option table, so there
// is nothing to tune yet.
func (w *Worker) keepAlive(c net.Conn) {
	tc, ok := c.(*net.TCPConn)
	if !ok {
		return
	}
	kc := net.KeepAliveConfig{Enable: true, Idle: -1, Interval: -1, Count: -1}
	if err := tc.SetKeepAliveConfig(kc); err != nil {
		w.Log.Warn().Err(err).Msg("cannot set TCP keepalive")
	}
}
