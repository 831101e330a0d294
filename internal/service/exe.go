package service

import (
	"os"
	"syscall"
	"time"
)

// exeStamp identifies the executable file a worker started from. As Cyrus
// (which stats argv[0]), a worker whose program was replaced or removed on
// disk exits at its next chance, so that an upgrade takes effect without
// restarting master.
type exeStamp struct {
	path  string
	dev   uint64
	ino   uint64
	size  int64
	mtime time.Time
}

// stampExecutable records the running program's file, or returns ok=false if
// it cannot be found (then no upgrade check is made).
func stampExecutable() (exeStamp, bool) {
	path, err := os.Executable()
	if err != nil {
		return exeStamp{}, false
	}
	return statStamp(path)
}

func statStamp(path string) (exeStamp, bool) {
	fi, err := os.Stat(path)
	if err != nil {
		return exeStamp{}, false
	}
	s := exeStamp{path: path, size: fi.Size(), mtime: fi.ModTime()}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		s.dev, s.ino = uint64(st.Dev), st.Ino
	}
	return s, true
}

// changed reports whether the file at the recorded path is gone or differs
// in device, inode, size or modification time.
func (s exeStamp) changed() bool {
	if s.path == "" {
		return false
	}
	now, ok := statStamp(s.path)
	return !ok || now.dev != s.dev || now.ino != s.ino || now.size != s.size || !now.mtime.Equal(s.mtime)
}
