package migrate

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/sys/unix"

	"github.com/corvusmail/corvus/internal/adminenv"
	"github.com/corvusmail/corvus/internal/store"
)

// Run is imapmigrate: it migrates the users o names and prints the
// report on stdout, progress and diagnostics on stderr. The exit status
// is adminenv's: ExitFailure if any user failed.
func Run(ctx context.Context, env *adminenv.Env, o *Options, stdout, stderr io.Writer) int {
	srv := Server{Addr: o.Host, StartTLS: o.StartTLS, TLS: o.TLS, Insecure: o.Insecure, Timeout: 30 * time.Second}
	creds, err := credentials(ctx, srv, o)
	if err != nil {
		fmt.Fprintf(stderr, "imapmigrate: %v\n", err)
		return adminenv.ExitFailure
	}
	statePath := o.StateFile
	if statePath == "" {
		statePath = filepath.Join(env.Config.String("configdirectory"), "imapmigrate.state")
	}
	state, err := LoadState(statePath)
	if err != nil {
		fmt.Fprintf(stderr, "imapmigrate: %v\n", err)
		return adminenv.ExitFailure
	}
	var pw io.Writer = stderr
	if o.Quiet {
		pw = nil
	}
	prog := NewProgress(pw, isTerminal(stderr), 10*time.Second, len(creds))
	cfg := &Config{Server: srv, Host: o.Host, Store: env.Store, State: state, DryRun: o.DryRun,
		Progress: prog, BatchMessages: o.Batch, BatchBytes: 32 << 20,
		Notify: func(ctx context.Context, evs []store.Event) { env.Notify(ctx, evs, false, stderr) }}
	rep := &Report{DryRun: o.DryRun}
	start := time.Now()
	stateLost := false
	for _, c := range creds {
		if ctx.Err() != nil {
			break
		}
		rep.Users = append(rep.Users, MigrateUser(ctx, cfg, c))
		prog.UserDone()
		if !o.DryRun {
			if err := state.Save(statePath); err != nil {
				// The copy stands (the next run compares with what Corvus
				// holds), but the admin must hear that the shortcut is lost.
				fmt.Fprintf(stderr, "imapmigrate: %v\n", err)
				stateLost = true
			}
		}
	}
	rep.Time = time.Since(start)
	prog.Stop()
	for _, u := range rep.Users {
		u.Write(stdout)
	}
	fmt.Fprintln(stdout, rep.Total())
	if ctx.Err() != nil {
		fmt.Fprintf(stderr, "imapmigrate: interrupted; run again to go on where it stopped\n")
		return adminenv.ExitFailure
	}
	if rep.Failed() > 0 || stateLost {
		return adminenv.ExitFailure
	}
	return adminenv.ExitOK
}

// credentials builds the logins: the user file's, or the admin's for
// each user named (or, with -A, listed by the source).
func credentials(ctx context.Context, srv Server, o *Options) ([]Credential, error) {
	if o.UserFile != "" {
		return o.logins, nil
	}
	users := o.Args
	if o.AllUsers {
		var err error
		if users, err = listUsers(ctx, srv, Credential{User: o.Admin, AuthUser: o.Admin, Password: o.password}); err != nil {
			return nil, err
		}
	}
	out := make([]Credential, len(users))
	for i, u := range users {
		out[i] = Credential{User: u, AuthUser: o.Admin, Password: o.password}
	}
	return out, nil
}

// listUsers lists the source's users as its admin sees them, as cyradm's
// "lm user/%": Cyrus shows an admin every user's INBOX as
// user<sep><name>, in the other users' namespace.
func listUsers(ctx context.Context, srv Server, admin Credential) ([]string, error) {
	s, err := dial(ctx, srv, admin)
	if err != nil {
		return nil, err
	}
	defer s.close()
	ns, err := s.namespaces()
	if err != nil {
		return nil, err
	}
	prefix := "user" + string(ns.Personal.Delim)
	if len(ns.Other) > 0 && ns.Other[0] != "" {
		prefix = ns.Other[0]
	}
	ls, err := s.c.List("", prefix+"%", nil).Collect()
	if err != nil {
		return nil, fmt.Errorf("LIST \"\" %q: %w", prefix+"%", err)
	}
	names := make([]string, len(ls))
	for i, l := range ls {
		names[i] = l.Mailbox
	}
	users := AdminUsers(names, prefix, ns.Personal.Delim)
	if len(users) == 0 {
		return nil, fmt.Errorf("the source lists no users under %q (is %s an admin there?)", prefix, admin.User)
	}
	return users, nil
}

// isTerminal reports whether w is a terminal: the progress bar is
// redrawn in place there, and printed as plain lines elsewhere.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	return err == nil
}
