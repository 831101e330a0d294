package main

import (
	"github.com/rs/zerolog"
	"golang.org/x/sys/unix"

	"github.com/corvusmail/corvus/internal/service"
)

// tellMasterReady writes "ok" on fd 3 when master gave idled a pipe there,
// which it does for a DAEMON entry with wait=y: master then binds the
// services only once idled listens. Without wait=y, fd 3 is /dev/null (or,
// run by hand, anything, even a descriptor of the Go runtime), so nothing
// but a pipe is written to.
func tellMasterReady(log zerolog.Logger) {
	var st unix.Stat_t
	if unix.Fstat(service.StatusFD, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFIFO {
		return
	}
	if _, err := unix.Write(service.StatusFD, []byte("ok\r\n")); err != nil {
		log.Warn().Err(err).Msg("cannot tell master idled is ready")
	}
	_ = unix.Close(service.StatusFD)
}
