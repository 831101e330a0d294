package atomicfile

import (
	"os"
	"syscall"
)

func ownerOf(st os.FileInfo) (uid, gid int) {
	sys := st.Sys().(*syscall.Stat_t)
	return int(sys.Uid), int(sys.Gid)
}
