package main

import (
	"os"
	"strconv"

	"golang.org/x/sys/unix"
)

// closeInheritedFDs marks every descriptor above stderr that master
// inherited close-on-exec, so none of them reaches a worker: the worker
// contract gives children exactly fds 0–4. (A shell or init system may
// leave descriptors open; Go itself opens everything close-on-exec.) keep
// is left alone (the daemonize notify pipe, or -1).
func closeInheritedFDs(keep int) {
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return
	}
	for _, e := range ents {
		fd, err := strconv.Atoi(e.Name())
		if err != nil || fd <= 2 || fd == keep {
			continue
		}
		unix.CloseOnExec(fd)
	}
}
