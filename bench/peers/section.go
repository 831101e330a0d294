package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/corvusmail/corvus/bench/cpuload"
	"github.com/corvusmail/corvus/bench/resultsmd"
)

// sectionHeading is the section of bench/RESULTS.md this program owns.
const sectionHeading = "## peers: Corvus, Cyrus and Dovecot side by side"

// renderSection is the whole results section.
func renderSection(s settings, e env, res *results, m resultsmd.Machine, began time.Time, took time.Duration) string {
	var b strings.Builder
	run := strings.TrimSpace("go run ./bench/peers " + strings.Join(s.args, " "))
	resultsmd.Header(&b, sectionHeading, s.command, run, began, took, m)
	if e.failure != "" {
		fmt.Fprintf(&b, "- **Incomplete run**: it stopped with: %s\n", e.failure)
	}
	fmt.Fprintf(&b, "- Servers: %s.\n", describeVersions(s, e))
	b.WriteString(setupLine(s, e))
	fmt.Fprintf(&b, "- Other load: %s\n\n", cpuload.Describe("peers", res.busy))
	b.WriteString(renderTable(buildRows(res, rowSpecs)))
	b.WriteString("\n\"Corvus ÷ best peer\" divides Corvus's median by the best peer's (the higher rate, or the lower time or memory): above 1 Corvus is faster for rates, slower or bigger for times and memory. Targets are issue 9's.\n\n")
	b.WriteString(methods(s))
	b.WriteString("\n### Per run\n\n")
	b.WriteString(perRunTable(res, s))
	if len(e.setup)+len(e.idle) > 0 {
		b.WriteString("\n### Set-up\n\n")
		for _, l := range append(append([]string(nil), e.setup...), e.idle...) {
			fmt.Fprintf(&b, "- %s\n", l)
		}
	}
	if misses := describeMisses(buildRows(res, rowSpecs)); misses != "" {
		b.WriteString("\n### Targets Corvus misses in this run\n\n" + misses)
	}
	return b.String()
}

// describeVersions names each server measured.
func describeVersions(s settings, e env) string {
	var parts []string
	for _, k := range s.servers {
		v := e.versions[k]
		if v == "" {
			v = instanceName(k, false) + " (version unknown)"
		}
		parts = append(parts, v)
	}
	return strings.Join(parts, ", ")
}

// setupLine is the Method bullet: how the servers were set up.
func setupLine(s settings, e env) string {
	plan := s.plan()
	ino := "unreadable"
	if e.inotify >= 0 {
		ino = fmt.Sprint(e.inotify)
	}
	return fmt.Sprintf("- Method: bench/peers/setup.sh installed the peers; every server ran at once, each on its own 127.0.0.1 ports with a generated configuration and data folder in one work directory, never the system service. "+
		"The same %d users (u0…u%d, password %q) on each: Corvus's password file, Cyrus's sasldb (auxprop), Dovecot's passwd-file ({PLAIN}). "+
		"Durability at each server's default: Corvus fsyncs the message file and commits SQLite with synchronous=FULL before replying; Cyrus at its defaults; Dovecot mail_fsync=optimized, mail in %s. "+
		"IMAP processes ready for clients: %d (Corvus and Cyrus prefork, Dovecot imap-login process_min_avail). IDLE wake-ups: Corvus's and Cyrus's idled, Dovecot's inotify (fs.inotify.max_user_instances %s). "+
		"Each measurement ran on each server in turn (%s), %d time(s); the tables give medians.\n",
		len(plan.all()), len(plan.all())-1, password, s.dovecotMail, s.prefork, ino, strings.Join(s.servers, ", "), s.reps)
}

// methods says what each figure is.
func methods(s settings) string {
	var b strings.Builder
	b.WriteString("What the figures are:\n\n")
	fmt.Fprintf(&b, "- LMTP: %d sessions, each one connection for the run: MAIL, RCPT (one recipient), DATA one at a time, messages of 2–100 KB (uniform, fixed seed, unique Message-ID), recipients round-robin over %d users. %v warm-up, then %v; a message counts if its 250 came in the window. p99: final dot sent → 250 read.\n", s.clients, s.clients, s.lmtpWarm, s.lmtpDur)
	fmt.Fprintf(&b, "- IMAP session loop: %d clients, each looping connect, LOGIN, SELECT INBOX (%d messages of 2–20 KB), FETCH 1:* (FLAGS ENVELOPE RFC822.SIZE), 3× UID FETCH <random> BODY.PEEK[], STORE +FLAGS (\\Seen), SEARCH UNSEEN, LOGOUT on one user's INBOX. %v warm-up, then %v; p99 is a session's connect → LOGOUT's OK.\n", s.clients, s.messages, s.sessWarm, s.sessDur)
	fmt.Fprintf(&b, "- APPEND: %d clients, each its own user, %d APPENDs of %d bytes in a row with a synchronizing literal; rate = all APPENDs ÷ first start to last OK.\n", s.clients, s.appends, s.appendSize)
	fmt.Fprintf(&b, "- IDLE: %d sessions per server (%d per INBOX) log in 8 at a time, SELECT INBOX, IDLE; all servers hold theirs at once. PSS per IDLE connection: summed PSS (smaps_rollup) of the server's whole process tree while they idle, less the same before they connected, ÷ sessions; the median of the reading after connecting and the one after each wake-up round. Hibernated: the same on an instance with imap_hibernate_timeout %v, read once no session has a process of its own. Read once more 40 s after the last wake-up round (\"40 s after the last delivery\"): what deliveries leave cached is gone by then where a server lets it expire (Corvus closes accounts idle for 30 s).\n", s.idle, s.perUser, s.hibernate)
	fmt.Fprintf(&b, "- Wake-up: per round one LMTP delivery to each of %d idle users in turn (the next round goes on with the next users); for each session of that INBOX the time from reading the 250 to reading `* n EXISTS` (both timestamped as read); percentiles over all (delivery, session) pairs of a round, median over %d rounds. A session with no EXISTS within %v counts as missed. Hibernating instances are left to hibernate again before each round.\n", min(s.wakeUsers, s.plan().idleUsers), s.reps, s.wait)
	fmt.Fprintf(&b, "- Connection storm: %d clients released together, each timing connect() → end of the greeting line, then LOGOUT; one warm-up round, then %d rounds per run, the next once the server's processes are all asleep; percentiles over all clients of a run.\n", s.stormClients, s.rounds)
	return b.String()
}

// perRunKeys are the figures the per-run table shows.
var perRunKeys = []struct{ key, label, format string }{
	{"lmtp.rate", "LMTP messages/s", "%.0f"},
	{"lmtp.p99", "LMTP p99 ms", "%.1f"},
	{"session.rate", "sessions/s", "%.1f"},
	{"session.p99", "session p99 ms", "%.0f"},
	{"append.rate", "APPENDs/s", "%.0f"},
	{"append.p99", "APPEND p99 ms", "%.1f"},
	{"storm.p99", "storm p99 ms", "%.2f"},
	{"storm.max", "storm max ms", "%.1f"},
	{"idle.kB", "PSS kB per IDLE connection", "%.1f"},
	{"idle.quiet.kB", "the same, 40 s after the last delivery", "%.1f"},
	{"wake.p50", "wake-up p50 ms", "%.2f"},
	{"wake.p99", "wake-up p99 ms", "%.2f"},
	{"wake.max", "wake-up max ms", "%.1f"},
	{"wake.missed", "wake-ups missed", "%.0f"},
	{"wake.before", "EXISTS before 250", "%.0f"},
}

// perRunTable lists every run's figure per instance.
func perRunTable(res *results, s settings) string {
	var names []string
	for _, hib := range []bool{false, true} {
		for _, k := range kinds {
			if _, ok := res.runs[instanceName(k.id, hib)]; ok {
				names = append(names, instanceName(k.id, hib))
			}
		}
	}
	var b strings.Builder
	b.WriteString("| figure | " + strings.Join(names, " | ") + " |\n|---|" + strings.Repeat("---|", len(names)) + "\n")
	for _, k := range perRunKeys {
		var cells []string
		any := false
		for _, n := range names {
			xs := res.perRun(n, k.key)
			any = any || len(xs) > 0
			cells = append(cells, orDash(resultsmd.JoinF(xs, k.format)))
		}
		if any {
			fmt.Fprintf(&b, "| %s | %s |\n", k.label, strings.Join(cells, " | "))
		}
	}
	return b.String()
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// describeMisses is a line per target Corvus missed.
func describeMisses(rows []tableRow) string {
	var b strings.Builder
	for _, r := range rows {
		if r.met == "**no**" {
			fmt.Fprintf(&b, "- %s: Corvus %s against target %s (Corvus ÷ best peer %s).\n", r.label, r.cells[0], r.target, r.ratio)
		}
	}
	return b.String()
}
