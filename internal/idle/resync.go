package idle

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// resync asks every watcher whose socket sits next to idled's own (named
// idle.<pid>, as NewWatcher names them) to send its watches now: a
// restarted idled starts with an empty table. A socket left by a process
// that is gone just refuses the datagram; it is not removed, since its pid
// may be reused by an imapd binding it right now.
func (d *Daemon) resync(out syscall.RawConn, own string) {
	dir := filepath.Dir(own)
	entries, err := os.ReadDir(dir)
	if err != nil {
		d.log.Debug().Err(err).Msg("cannot list watcher sockets for a resync")
		return
	}
	b, err := Message{Type: Resync, PID: d.pid}.Encode()
	if err != nil {
		return
	}
	asked := 0
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		if !isWatcherName(e.Name()) || e.Type()&fs.ModeSocket == 0 || path == own {
			continue
		}
		if sendRaw(out, b, path) == nil {
			asked++
		}
	}
	d.log.Debug().Int("watchers", asked).Msg("asked the running watchers to resend their watches")
}

// isWatcherName matches idle.<pid>.
func isWatcherName(name string) bool {
	pid, ok := strings.CutPrefix(name, "idle.")
	if !ok || pid == "" || len(pid) > 10 {
		return false
	}
	for _, c := range []byte(pid) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
