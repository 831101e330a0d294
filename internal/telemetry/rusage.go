package telemetry

import (
	"fmt"
	"time"

	"golang.org/x/sys/unix"
)

// usage is the part of getrusage(2) the logout line reports.
type usage struct {
	utime, stime time.Duration
	maxRSS       int64 // kB on Linux
}

// readUsage reads the process's resource usage; on failure it reads as
// zero, which only makes the logout line less useful.
func readUsage() usage {
	var ru unix.Rusage
	if unix.Getrusage(unix.RUSAGE_SELF, &ru) != nil {
		return usage{}
	}
	return usage{
		utime:  time.Duration(ru.Utime.Nano()),
		stime:  time.Duration(ru.Stime.Nano()),
		maxRSS: int64(ru.Maxrss),
	}
}

// since formats the rusage line's text: CPU used since start (the log's
// open, so a prefork worker reports this session, not its earlier clients)
// and the process's peak RSS, which getrusage cannot give per session.
func (u usage) since(start usage) string {
	return fmt.Sprintf("rusage utime=%.6f stime=%.6f maxrss=%dkB",
		(u.utime - start.utime).Seconds(), (u.stime - start.stime).Seconds(), u.maxRSS)
}
