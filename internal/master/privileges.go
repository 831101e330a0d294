package master

import (
	"fmt"
	"os"
	"os/user"
	"strconv"
	"syscall"

	"github.com/rs/zerolog"
)

// privileges is who the children (and, after binding, the master) run as.
// Started as root, the master binds its listeners and then becomes
// cyrus_user/cyrus_group, as Cyrus's become_cyrus does; started as anyone
// else it stays who it is.
type privileges struct {
	root     bool
	dropped  bool
	uid, gid int
	name     string
}

func lookupPrivileges(userName, groupName string) (*privileges, error) {
	if os.Geteuid() != 0 {
		return &privileges{uid: os.Getuid(), gid: os.Getgid()}, nil
	}
	if userName == "" {
		userName = "cyrus"
	}
	u, err := user.Lookup(userName)
	if err != nil {
		return nil, fmt.Errorf("%w: started as root but cannot find cyrus_user %q (create that user or set cyrus_user in imapd.conf): %v", ErrStartup, userName, err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if uid == 0 {
		return nil, fmt.Errorf("%w: cyrus_user %q is root; workers must run unprivileged", ErrStartup, userName)
	}
	if groupName != "" {
		g, err := user.LookupGroup(groupName)
		if err != nil {
			return nil, fmt.Errorf("%w: cannot find cyrus_group %q: %v", ErrStartup, groupName, err)
		}
		gid, _ = strconv.Atoi(g.Gid)
	}
	return &privileges{root: true, uid: uid, gid: gid, name: userName}, nil
}

// credential is what children are started with (nil: as the master).
// Only needed while the master is still root (START entries and wait
// daemons run before the drop); afterwards children inherit the cyrus
// identity, and asking for it again would need privileges the master no
// longer has.
func (p *privileges) credential() *syscall.Credential {
	if !p.root || p.dropped {
		return nil
	}
	return &syscall.Credential{Uid: uint32(p.uid), Gid: uint32(p.gid), Groups: []uint32{}}
}

// owner says who should own unix sockets and files the master creates.
func (p *privileges) owner() (uid, gid int, ok bool) {
	return p.uid, p.gid, p.root
}

// drop makes the master itself the cyrus user once its listeners are
// bound. Go applies setuid to every thread of the process.
func (p *privileges) drop(log zerolog.Logger) error {
	if !p.root {
		return nil
	}
	if err := syscall.Setgroups(nil); err != nil {
		return fmt.Errorf("setgroups: %w", err)
	}
	if err := syscall.Setgid(p.gid); err != nil {
		return fmt.Errorf("setgid %d: %w", p.gid, err)
	}
	if err := syscall.Setuid(p.uid); err != nil {
		return fmt.Errorf("setuid %d: %w", p.uid, err)
	}
	p.dropped = true
	log.Info().Str("user", p.name).Int("uid", p.uid).Int("gid", p.gid).Msg("dropped privileges")
	return nil
}
