package main

import (
	"fmt"
	"slices"

	"golang.org/x/sys/unix"
)

// fdSpare is the descriptors the benchmark needs beside its client
// sockets: LMTP, /proc reads, the Go runtime.
const fdSpare = 256

// raiseFileLimit lifts RLIMIT_NOFILE's soft limit to the hard one: this
// process holds a socket per client, and master (with idled, which raises
// its own) inherits the limit. The clients are not split over child
// processes, so a hard limit below the largest size is an error.
func raiseFileLimit(sizes []int) error {
	var r unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_NOFILE, &r); err != nil {
		return fmt.Errorf("getrlimit: %w", err)
	}
	if r.Cur < r.Max {
		r.Cur = r.Max
		if err := unix.Setrlimit(unix.RLIMIT_NOFILE, &r); err != nil {
			return fmt.Errorf("setrlimit: %w", err)
		}
	}
	if need := uint64(slices.Max(sizes) + fdSpare); r.Cur < need {
		return fmt.Errorf("RLIMIT_NOFILE hard limit %d is below the %d descriptors %d connections need (raise it with ulimit -Hn as root)", r.Cur, need, slices.Max(sizes))
	}
	return nil
}
