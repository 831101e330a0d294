// Command corvus_passwd sets or removes a user's password in the Corvus
// password file (imapd.conf corvus_passwd_file), the user database of
// sasl_pwcheck_method auxprop — Corvus's counterpart of saslpasswd2 and
// sasldb. The password is read from the first line of standard input, so
// it never appears in a process list. See corvus_passwd(8).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/corvusmail/corvus/conf/diagnostics"
	"github.com/corvusmail/corvus/conf/imapdconf"
	"github.com/corvusmail/corvus/internal/auth/passwd"
)

func main() {
	fs := flag.NewFlagSet("corvus_passwd", flag.ContinueOnError)
	conf := fs.String("C", "/etc/imapd.conf", "imapd.conf to read corvus_passwd_file from")
	file := fs.String("f", "", "password file (default: corvus_passwd_file)")
	del := fs.Bool("d", false, "remove the user instead of setting a password")
	if err := fs.Parse(os.Args[1:]); err != nil || fs.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: corvus_passwd [-C imapd.conf] [-f file] [-d] user  (password on stdin)")
		os.Exit(64)
	}
	user := fs.Arg(0)
	path := *file
	if path == "" {
		var srcs diagnostics.Sources
		cfg, diags := imapdconf.ParseFile(*conf, &srcs)
		if diags.HasErrors() {
			diagnostics.Write(os.Stderr, diags, &srcs, 0)
			os.Exit(1)
		}
		path = cfg.String("corvus_passwd_file")
	}
	password := ""
	if !*del {
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		password = strings.TrimRight(line, "\r\n")
		if password == "" {
			fmt.Fprintf(os.Stderr, "corvus_passwd: no password on standard input (%v)\n", err)
			os.Exit(1)
		}
	}
	if err := passwd.SetUser(path, user, password); err != nil {
		fmt.Fprintf(os.Stderr, "corvus_passwd: %v\n", err)
		os.Exit(1)
	}
}
