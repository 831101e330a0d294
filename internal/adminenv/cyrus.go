package adminenv

import (
	"fmt"
	"os"
	"os/user"
	"strconv"
	"syscall"

	"github.com/corvusmail/corvus/conf/imapdconf"
)

// BecomeCyrus makes a tool started as root the cyrus user (imapd.conf
// cyrus_user, cyrus_group), as Cyrus's tools do through become_cyrus: the
// files it creates in the store must belong to the user the servers run
// as. Started as anyone else, it stays who it is.
func BecomeCyrus(cfg *imapdconf.Config) error {
	if os.Geteuid() != 0 {
		return nil
	}
	name := cfg.String("cyrus_user")
	if name == "" {
		name = "cyrus"
	}
	u, err := user.Lookup(name)
	if err != nil {
		return fmt.Errorf("started as root but cannot find cyrus_user %q: %w", name, err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if uid == 0 {
		return fmt.Errorf("cyrus_user %q is root; refusing to work on the store as root", name)
	}
	if g := cfg.String("cyrus_group"); g != "" {
		grp, err := user.LookupGroup(g)
		if err != nil {
			return fmt.Errorf("cannot find cyrus_group %q: %w", g, err)
		}
		gid, _ = strconv.Atoi(grp.Gid)
	}
	if err := syscall.Setgroups(nil); err != nil {
		return fmt.Errorf("setgroups: %w", err)
	}
	if err := syscall.Setgid(gid); err != nil {
		return fmt.Errorf("setgid %d: %w", gid, err)
	}
	if err := syscall.Setuid(uid); err != nil {
		return fmt.Errorf("setuid %d: %w", uid, err)
	}
	return nil
}
