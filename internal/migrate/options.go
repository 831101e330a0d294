package migrate

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/corvusmail/corvus/internal/adminenv"
)

// PasswordEnv is the environment variable holding the source password
// when -w is not given: neither shows in ps(1), unlike an argument.
const PasswordEnv = "IMAPMIGRATE_PASSWORD"

// Options are imapmigrate's command line; imapmigrate(8) documents each.
type Options struct {
	ConfigPath string // -C
	Host       string // -h host:port of the source
	StartTLS   bool   // -s
	TLS        bool   // -S
	Insecure   bool   // -k
	Admin      string // -a: authenticate as this admin for every user
	PassFile   string // -w: the admin's password, first line
	UserFile   string // -u: "user password" lines
	AllUsers   bool   // -A: every user of the source (as admin)
	DryRun     bool   // -n
	StateFile  string // -f: default <configdirectory>/imapmigrate.state
	Quiet      bool   // -q: no progress display
	Batch      int    // -b: messages per batch
	Args       []string

	password string       // the admin's, read by Parse
	logins   []Credential // -u's, read by Parse
}

// NewFlagSet returns imapmigrate's flags.
func NewFlagSet() (*flag.FlagSet, *Options) {
	o := &Options{}
	fs := flag.NewFlagSet("imapmigrate", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // main prints errors and usage once
	fs.StringVar(&o.ConfigPath, "C", adminenv.DefaultConfig, "read Corvus's `imapd.conf` from this file")
	fs.StringVar(&o.Host, "h", "localhost:143", "the source server's `host:port`")
	fs.BoolVar(&o.StartTLS, "s", false, "use STARTTLS on the source connection")
	fs.BoolVar(&o.TLS, "S", false, "connect to the source with implicit TLS (imaps)")
	fs.BoolVar(&o.Insecure, "k", false, "do not verify the source's certificate")
	fs.StringVar(&o.Admin, "a", "", "authenticate as this `admin` and authorise as each user")
	fs.StringVar(&o.PassFile, "w", "", "read the admin's password from the first line of this `file`")
	fs.StringVar(&o.UserFile, "u", "", "read \"user password\" lines from this `file`")
	fs.BoolVar(&o.AllUsers, "A", false, "migrate every user of the source (with -a)")
	fs.BoolVar(&o.DryRun, "n", false, "report what would be copied, change nothing")
	fs.StringVar(&o.StateFile, "f", "", "keep the per-mailbox state in this `file` (default: configdirectory/imapmigrate.state)")
	fs.BoolVar(&o.Quiet, "q", false, "no progress display, the report only")
	fs.IntVar(&o.Batch, "b", 200, "copy at most this many `messages` per fetch and transaction")
	return fs, o
}

// Parse parses args into o and checks that they make sense together.
func (o *Options) Parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	o.Args = fs.Args()
	switch {
	case o.StartTLS && o.TLS:
		return errors.New("-s and -S contradict each other")
	case o.Admin == "" && o.UserFile == "":
		return errors.New("name an admin (-a) or a user file (-u)")
	case o.Admin != "" && o.UserFile != "":
		return errors.New("-a and -u contradict each other")
	case o.AllUsers && o.Admin == "":
		return errors.New("-A needs an admin (-a) to list the users")
	case o.AllUsers && len(o.Args) > 0:
		return errors.New("-A and user names contradict each other")
	case o.Admin != "" && !o.AllUsers && len(o.Args) == 0:
		return errors.New("name the users, or -A for all")
	case o.UserFile != "" && (len(o.Args) > 0 || o.AllUsers):
		return errors.New("-u takes the users from the file: no user names or -A")
	case o.Batch < 1:
		return errors.New("-b: at least 1 message")
	}
	return o.readSecrets()
}

// readSecrets reads the password or user file while the program is still
// who started it: adminenv then becomes the cyrus user, who may not be
// able to read root's files.
func (o *Options) readSecrets() error {
	if o.UserFile != "" {
		f, err := os.Open(o.UserFile)
		if err != nil {
			return fmt.Errorf("user file: %w", err)
		}
		defer f.Close()
		o.logins, err = ParseUserFile(f)
		if err == nil && len(o.logins) == 0 {
			err = errors.New("no users")
		}
		if err != nil {
			return fmt.Errorf("user file %s: %w", o.UserFile, err)
		}
		return nil
	}
	if o.PassFile == "" {
		if o.password = os.Getenv(PasswordEnv); o.password == "" {
			return fmt.Errorf("the admin's password: give -w file or set $%s", PasswordEnv)
		}
		return nil
	}
	f, err := os.Open(o.PassFile)
	if err != nil {
		return fmt.Errorf("password file: %w", err)
	}
	defer f.Close()
	o.password, err = ReadPassword(f)
	return err
}
