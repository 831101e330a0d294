package telemetry

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// Enabled reports whether telemetry is on for user: whether the directory
// <configDir>/log/<user>/ exists. lmtpd uses it to decide whether to log a
// delivery for a recipient.
func Enabled(configDir, user string) bool {
	if ValidName(user) != nil {
		return false
	}
	on, _ := isDir(userDir(configDir, user))
	return on
}

// userDir is the directory whose existence turns telemetry on for user.
func userDir(configDir, user string) string {
	return filepath.Join(configDir, "log", user)
}

// isDir is the one stat that telemetry costs when it is off. A missing path
// (or a path through a non-directory) means off, not an error.
func isDir(dir string) (bool, error) {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("telemetry directory: %w", err)
	}
	return fi.IsDir(), nil
}
