package procinfo

import (
	"bytes"
	"errors"
	"os"
	"strconv"
	"time"

	"golang.org/x/sys/unix"
)

// clockTicks is USER_HZ, the unit of /proc/<pid>/stat's start time: 100
// on every Linux architecture Go supports.
const clockTicks = 100

// Alive reports whether process pid exists and started no later than
// written, the proc file's modification time: a file older than its
// process was left by a dead process whose pid was reused. When the start
// time cannot be read (no /proc), existence alone decides.
func Alive(pid int, written time.Time) bool {
	if err := unix.Kill(pid, 0); errors.Is(err, unix.ESRCH) || pid <= 0 {
		return false
	}
	start, ok := startTime(pid)
	if !ok {
		return true
	}
	// A second of slack: the start time is in ticks, the boot time in
	// seconds.
	return !start.After(written.Add(time.Second))
}

// startTime reads when pid started, from /proc.
func startTime(pid int) (time.Time, bool) {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return time.Time{}, false
	}
	// The command name (field 2) may hold spaces and parentheses: the
	// fields that follow start after the last ')'.
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return time.Time{}, false
	}
	f := bytes.Fields(stat[i+1:])
	const startField = 22 - 3 // field 22, counted from field 3
	if len(f) <= startField {
		return time.Time{}, false
	}
	ticks, err := strconv.ParseInt(string(f[startField]), 10, 64)
	boot, ok := bootTime()
	if err != nil || !ok {
		return time.Time{}, false
	}
	return boot.Add(time.Duration(ticks) * time.Second / clockTicks), true
}

// bootTime reads btime from /proc/stat.
func bootTime() (time.Time, bool) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return time.Time{}, false
	}
	for _, line := range bytes.Split(b, []byte("\n")) {
		if v, ok := bytes.CutPrefix(line, []byte("btime ")); ok {
			s, err := strconv.ParseInt(string(bytes.TrimSpace(v)), 10, 64)
			return time.Unix(s, 0), err == nil
		}
	}
	return time.Time{}, false
}
