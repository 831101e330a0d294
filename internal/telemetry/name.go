package telemetry

import (
	"errors"
	"fmt"
	"os"
	"strconv"
)

// ErrUnsafeName is returned when a user name, service identity, session id
// or hand-over path could make a telemetry path leave log/<userid>/ or forge
// lines in the file.
var ErrUnsafeName = errors.New("unsafe name for a telemetry file")

// ValidName reports whether s can be used as one path element under log/:
// not empty, not "." or "..", and without '/', NUL or other control bytes
// (a newline in a user name would forge a header line). Names are used as
// given, not case-folded, as Cyrus does.
func ValidName(s string) error {
	if s == "" || s == "." || s == ".." {
		return fmt.Errorf("%w: %q", ErrUnsafeName, s)
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '/' || c < 0x20 || c == 0x7f {
			return fmt.Errorf("%w: %q", ErrUnsafeName, s)
		}
	}
	return nil
}

// ID returns the id part of a telemetry file name: the session id when
// telemetry_bysessionid is set (and a session id is known), otherwise the
// process id, as Cyrus.
func ID(bySessionID bool, sessionID string) string {
	if bySessionID && sessionID != "" {
		return sessionID
	}
	return strconv.Itoa(os.Getpid())
}
