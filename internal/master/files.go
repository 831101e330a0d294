package master

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
)

func (m *Master) pidFilePath() string {
	if m.opts.PidFile != "" {
		return m.opts.PidFile
	}
	return m.cfg.Imapd.String("master_pid_file")
}

func (m *Master) readyFilePath() string {
	if m.opts.ReadyFile != "" {
		return m.opts.ReadyFile
	}
	return m.cfg.Imapd.String("master_ready_file")
}

// pidFileMode is the mode of the pid and ready files. Cyrus makes its
// pid file 0644; Corvus keeps them, like everything it writes below
// configdirectory (their default home), from other users.
const pidFileMode = 0o640

// writePidFile records the master's pid (written before privileges are
// dropped, like Cyrus, and handed to the cyrus user so that it can remove
// it at shutdown).
func (m *Master) writePidFile() error {
	path := m.pidFilePath()
	if err := writeFileAtomic(path, []byte(strconv.Itoa(os.Getpid())+"\n"), pidFileMode); err != nil {
		return fmt.Errorf("pid file: %w", err)
	}
	if uid, gid, ok := m.priv.owner(); ok {
		os.Chown(path, uid, gid)
	}
	return nil
}

// removePidFile removes the pid and ready files at shutdown. A master that
// dropped privileges can only do so where the cyrus user may write (as
// with Cyrus, keep them in a directory it owns); otherwise it says so.
func (m *Master) removePidFile() {
	for _, p := range []string{m.pidFilePath(), m.readyFilePath()} {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			m.log.Warn().Err(err).Msg("cannot remove file at shutdown")
		}
	}
}

// writeReadyFile says every service is bound and started (master -r).
func (m *Master) writeReadyFile() {
	path := m.readyFilePath()
	if err := writeFileAtomic(path, []byte(strconv.Itoa(os.Getpid())+"\n"), pidFileMode); err != nil {
		m.log.Error().Err(err).Msg("cannot write ready file")
	}
}

// writeFileAtomic writes data to a temporary file beside path and renames
// it into place, so a reader never sees a half-written file.
func writeFileAtomic(path string, data []byte, perm os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return fmt.Errorf("create directory for %s: %w", path, err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, perm); err != nil {
		return fmt.Errorf("write %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("rename %s: %w", tmp, err)
	}
	return nil
}
