package procstat

import (
	"os"
	"strconv"
	"strings"
)

// Comm is the process's command name (/proc/<pid>/comm: the executable's
// base name, cut to 15 bytes), e.g. "imapd" for a worker master forked;
// false if the process is gone.
func Comm(pid int) (string, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/comm")
	if err != nil {
		return "", false
	}
	return strings.TrimSuffix(string(b), "\n"), true
}
