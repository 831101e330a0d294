package passwd

import (
	"os"
	"syscall"
)

type owner struct{ uid, gid int }

// statOwner returns who owns the file st describes.
func statOwner(st os.FileInfo) (owner, bool) {
	s, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return owner{}, false
	}
	return owner{int(s.Uid), int(s.Gid)}, true
}
