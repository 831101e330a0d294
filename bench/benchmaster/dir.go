// Package benchmaster runs the real bin/master for a benchmark: a
// temporary configdirectory with imapd.conf and users, master started on
// it in the foreground with a generated cyrus.conf, waiting for it to be
// ready, and stopping it with everything it forked.
package benchmaster

import (
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
)

// Dir is a configdirectory for bin/master and its services. When the
// benchmark runs as root, master drops to the cyrus user, whose workers
// create their accept locks in <dir>/socket and write the store: the
// directory is then theirs.
type Dir struct {
	dir, bin string
	uid, gid int // the cyrus user's, or -1 when not root
}

// storeConf is the imapd.conf of a benchmark that stores mail and logs
// users in (%[1]s is the directory): a partition, the Corvus password file
// (see AddUser) and plaintext LOGIN, which loopback clients may use.
const storeConf = `partition-default: %[1]s/part
sasl_pwcheck_method: auxprop
corvus_passwd_file: %[1]s/corvus.passwd
allowplaintext: yes
`

// NewDir creates a temporary configdirectory named after prog, for the
// programs in bin: imapd.conf with configdirectory and master_pid_file,
// and the socket directory.
func NewDir(bin, prog string) (*Dir, error) {
	d, err := create(bin, prog)
	if err != nil {
		return nil, err
	}
	if err := d.writeConf(""); err != nil {
		d.Remove()
		return nil, err
	}
	return d, nil
}

// NewStoreDir is NewDir for a benchmark that stores mail and logs users
// in, as tests/imapd_helpers_test.go sets imapd up: a partition, an empty
// Corvus password file and plaintext LOGIN, then the imapd.conf lines
// extra (e.g. "autocreate_post: yes\n").
func NewStoreDir(bin, prog, extra string) (*Dir, error) {
	return NewStoreDirIn("", bin, prog, extra)
}

// NewStoreDirIn is NewStoreDir with the directory made inside parent
// instead of the system's temporary directory (parent "" is that), for a
// benchmark that keeps every server's data under one work directory.
func NewStoreDirIn(parent, bin, prog, extra string) (*Dir, error) {
	d, err := createIn(parent, bin, prog)
	if err != nil {
		return nil, err
	}
	if err := d.addStore(extra); err != nil {
		d.Remove()
		return nil, err
	}
	return d, nil
}

// create makes the directory and its socket directory, owned by the
// cyrus user when run as root.
func create(bin, prog string) (*Dir, error) { return createIn("", bin, prog) }

// createIn is create inside parent ("" for the temporary directory).
func createIn(parent, bin, prog string) (*Dir, error) {
	dir, err := os.MkdirTemp(parent, "corvus-"+prog+"-")
	if err != nil {
		return nil, fmt.Errorf("data directory: %w", err)
	}
	d := &Dir{dir: dir, bin: bin, uid: -1, gid: -1}
	if os.Geteuid() == 0 {
		u, err := user.Lookup("cyrus")
		if err != nil {
			d.Remove()
			return nil, fmt.Errorf("run as root, master drops to the 'cyrus' user, which is missing: %w", err)
		}
		d.uid, _ = strconv.Atoi(u.Uid)
		d.gid, _ = strconv.Atoi(u.Gid)
	}
	if err := os.Mkdir(d.Path("socket"), 0o750); err != nil {
		d.Remove()
		return nil, fmt.Errorf("data directory: %w", err)
	}
	if err := d.chown(".", "socket"); err != nil {
		d.Remove()
		return nil, err
	}
	return d, nil
}

// writeConf writes imapd.conf: configdirectory, master_pid_file, then
// the lines extra.
func (d *Dir) writeConf(extra string) error {
	conf := fmt.Sprintf("configdirectory: %[1]s\nmaster_pid_file: %[1]s/master.pid\n", d.dir) + extra
	if err := os.WriteFile(d.Path("imapd.conf"), []byte(conf), 0o644); err != nil {
		return fmt.Errorf("write imapd.conf: %w", err)
	}
	return nil
}

// addStore writes the store's imapd.conf and makes its partition and
// password file.
func (d *Dir) addStore(extra string) error {
	if err := d.writeConf(fmt.Sprintf(storeConf, d.dir) + extra); err != nil {
		return err
	}
	if err := os.Mkdir(d.Path("part"), 0o750); err != nil {
		return fmt.Errorf("data directory: %w", err)
	}
	if err := os.WriteFile(d.Path("corvus.passwd"), nil, 0o600); err != nil {
		return fmt.Errorf("password file: %w", err)
	}
	return d.chown("part", "corvus.passwd")
}

// Path is the file rel (slash-separated) inside the directory.
func (d *Dir) Path(rel string) string { return filepath.Join(d.dir, rel) }

// Remove deletes the directory and everything in it.
func (d *Dir) Remove() error { return os.RemoveAll(d.dir) }

// chown hands rels to the cyrus user when running as root.
func (d *Dir) chown(rels ...string) error {
	if d.uid < 0 {
		return nil
	}
	for _, r := range rels {
		if err := os.Chown(d.Path(r), d.uid, d.gid); err != nil {
			return fmt.Errorf("hand %s to the cyrus user: %w", r, err)
		}
	}
	return nil
}

// AddUser sets user's password with bin/corvus_passwd, as an admin would.
// The directory must come from NewStoreDir.
func (d *Dir) AddUser(name, pass string) error {
	cmd := exec.Command(filepath.Join(d.bin, "corvus_passwd"), "-f", d.Path("corvus.passwd"), name)
	cmd.Stdin = strings.NewReader(pass + "\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("corvus_passwd %s: %w: %s", name, err, out)
	}
	return d.chown("corvus.passwd")
}
