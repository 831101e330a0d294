package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// settings are the flags.
type settings struct {
	bin, out, command, work string
	keep, quick             bool
	servers, only           []string
	serve                   string
	cyrus                   cyrusPaths
	dovecotMail             string
	args                    []string // the command line, for the results

	reps, clients, prefork int
	messages               int
	searchMsgs, searchReps int
	lmtpWarm, lmtpDur      time.Duration
	sessWarm, sessDur      time.Duration
	appends, appendSize    int
	stormClients, rounds   int
	idle, perUser          int
	wakeUsers              int
	wait, gap              time.Duration
	hibernate, corvusHib   time.Duration
	corvusConf, corvusSvc  string
	corvusEnv              []string
	quietWait              time.Duration
}

// measures are the measurements -only may pick.
// search is not in the default list: filling its mailbox on every server
// takes many minutes (-only search, or name it with the others).
var measures = []string{"lmtp", "session", "append", "storm", "idle", "search"}

// defaultMeasures are what runs without -only.
var defaultMeasures = measures[:5]

// parseFlags reads the command line; -quick first sets the shorter
// defaults, which flags given explicitly still override.
func parseFlags(args []string) (settings, error) {
	s := settings{args: args}
	fs := flag.NewFlagSet("peers", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	quick := slices.Contains(args, "-quick") || slices.Contains(args, "--quick")
	d := func(full, q time.Duration) time.Duration { return pick(quick, full, q) }
	n := func(full, q int) int { return pick(quick, full, q) }
	fs.BoolVar(&s.quick, "quick", false, "a short run (about 3 minutes): one repetition, shorter windows, 200 idling sessions")
	fs.StringVar(&s.bin, "bin", "bin", "directory holding Corvus's master, imapd, lmtpd, idled and corvus_passwd (make build)")
	fs.StringVar(&s.out, "out", "", "write the results section into this markdown file")
	fs.StringVar(&s.command, "command", "make bench-peers", "the command named in the results section")
	fs.StringVar(&s.work, "work", "", "work directory for the servers' data (default: a new one under $TMPDIR, removed at the end)")
	fs.BoolVar(&s.keep, "keep", false, "keep the work directory")
	servers := fs.String("servers", "corvus,cyrus,dovecot", "servers to measure")
	only := fs.String("only", strings.Join(defaultMeasures, ","), "measurements to run: "+strings.Join(measures, ","))
	fs.StringVar(&s.serve, "serve", "", "start one server (corvus, cyrus, dovecot) with the benchmark's users, print its ports and wait for ^C")
	fs.StringVar(&s.cyrus.common, "cyrus-bin", "/usr/lib/cyrus/bin", "Cyrus's master, lmtpd and ctl_cyrusdb (cyrus-common)")
	fs.StringVar(&s.cyrus.imapd, "cyrus-imapd", "/var/tmp/corvus-peers/cyrus-imapd/usr/lib/cyrus/bin", "Cyrus's imapd and idled, unpacked from cyrus-imapd by setup.sh")
	fs.StringVar(&s.dovecotMail, "dovecot-mail", "sdbox", "Dovecot's mail format: sdbox or maildir")
	fs.IntVar(&s.reps, "reps", n(3, 1), "runs of each measurement on each server (medians are reported)")
	fs.IntVar(&s.clients, "clients", 8, "concurrent clients of the LMTP, session loop and APPEND measurements")
	fs.IntVar(&s.prefork, "prefork", 32, "ready IMAP processes (prefork; Dovecot: imap-login process_min_avail)")
	fs.IntVar(&s.messages, "messages", 1000, "messages in the session loop's INBOX")
	fs.IntVar(&s.searchMsgs, "search-messages", n(100_000, 20_000), "messages in the search measurement's INBOX")
	fs.IntVar(&s.searchReps, "search-reps", 5, "timed runs of each search command on each server (after one warm-up run)")
	fs.DurationVar(&s.lmtpWarm, "lmtp-warmup", d(time.Second, 500*time.Millisecond), "LMTP warm-up per run (discarded)")
	fs.DurationVar(&s.lmtpDur, "lmtp-duration", d(5*time.Second, 3*time.Second), "LMTP measured time per run")
	fs.DurationVar(&s.sessWarm, "session-warmup", d(2*time.Second, time.Second), "session loop warm-up per run (discarded)")
	fs.DurationVar(&s.sessDur, "session-duration", d(10*time.Second, 4*time.Second), "session loop measured time per run")
	fs.IntVar(&s.appends, "appends", n(100, 30), "APPENDs per client per run")
	fs.IntVar(&s.appendSize, "append-size", 5120, "bytes per APPENDed message")
	fs.IntVar(&s.stormClients, "storm-clients", 32, "clients released at once in each storm round")
	fs.IntVar(&s.rounds, "storm-rounds", n(20, 5), "measured storm rounds per run (after one warm-up round)")
	fs.IntVar(&s.idle, "idle", n(1000, 200), "idling IMAP sessions per server")
	fs.IntVar(&s.perUser, "idle-per-user", 4, "idling sessions per INBOX")
	fs.IntVar(&s.wakeUsers, "wake-users", n(100, 50), "deliveries per wake-up round, each to another idle user (each wakes -idle-per-user sessions)")
	fs.DurationVar(&s.wait, "wait", 5*time.Second, "how long a session may take to see a delivery before it counts as missed")
	fs.DurationVar(&s.gap, "gap", 10*time.Millisecond, "pause after each wake-up delivery")
	fs.DurationVar(&s.hibernate, "hibernate", 2*time.Second, "imap_hibernate_timeout of the hibernating Dovecot instance (0: no such instance)")
	fs.DurationVar(&s.corvusHib, "corvus-hibernate", 0, "imap_hibernate_timeout of a hibernating Corvus instance (0: no such instance); see -corvus-conf")
	corvusEnv := fs.String("corvus-env", "", "environment for Corvus's master and workers, comma-separated (e.g. GOMAXPROCS=1)")
	fs.DurationVar(&s.quietWait, "quiet-wait", 2*time.Minute, "before the first measurement, wait up to this long for the CPUs to be quiet")
	fs.StringVar(&s.corvusConf, "corvus-conf", "", "more imapd.conf lines for Corvus (\\n-separated)")
	fs.StringVar(&s.corvusSvc, "corvus-services", "", "more cyrus.conf SERVICES lines for Corvus (\\n-separated; {dir} is its configdirectory)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(nil)
			fs.PrintDefaults()
		}
		return s, err
	}
	if fs.NArg() > 0 {
		return s, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	s.servers, s.only, s.corvusEnv = splitList(*servers), splitList(*only), splitList(*corvusEnv)
	s.corvusConf = strings.ReplaceAll(s.corvusConf, `\n`, "\n")
	s.corvusSvc = strings.ReplaceAll(s.corvusSvc, `\n`, "\n")
	return s, s.check()
}

// check rejects values the measurements cannot run with.
func (s settings) check() error {
	for _, k := range s.servers {
		if instanceName(k, false) == k {
			return fmt.Errorf("-servers: unknown server %q", k)
		}
	}
	for _, m := range s.only {
		if !slices.Contains(measures, m) {
			return fmt.Errorf("-only: unknown measurement %q (%s)", m, strings.Join(measures, ", "))
		}
	}
	switch {
	case len(s.servers) == 0:
		return errors.New("-servers: none")
	case s.reps < 1, s.clients < 1, s.wakeUsers < 1, s.prefork < 1, s.messages < 1, s.searchMsgs < 1, s.searchReps < 1, s.appends < 1, s.stormClients < 1, s.rounds < 1:
		return errors.New("counts must be at least 1")
	case s.appendSize < 512:
		return errors.New("-append-size: at least 512")
	case s.idle < s.perUser || s.perUser < 1:
		return errors.New("-idle must be at least -idle-per-user, which must be at least 1")
	case s.lmtpDur <= 0 || s.sessDur <= 0 || s.wait <= 0 || s.lmtpWarm < 0 || s.sessWarm < 0 || s.gap < 0:
		return errors.New("durations out of range")
	case s.hibernate < 0 || s.corvusHib < 0 || s.hibernate%time.Second != 0 || s.corvusHib%time.Second != 0:
		return errors.New("hibernation timeouts are whole seconds")
	}
	return nil
}

// runs reports whether measurement m is selected.
func (s settings) runs(m string) bool { return slices.Contains(s.only, m) }

// runsOtherThan reports whether a measurement other than m is selected.
func (s settings) runsOtherThan(m string) bool {
	for _, o := range s.only {
		if o != m {
			return true
		}
	}
	return false
}

// plan is the users the settings need.
func (s settings) plan() userPlan {
	return userPlan{clients: s.clients, idleUsers: (s.idle + s.perUser - 1) / s.perUser}
}

func pick[T any](quick bool, full, q T) T {
	if quick {
		return q
	}
	return full
}

// splitList splits a comma-separated flag, dropping empty items.
func splitList(v string) []string {
	var out []string
	for _, f := range strings.Split(v, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
