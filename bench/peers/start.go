package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/corvusmail/corvus/bench/benchmaster"
)

// startAll starts an instance of each server, and for the IDLE
// measurement a hibernating one of those that are asked to hibernate
// (Dovecot with -hibernate, Corvus with -corvus-hibernate), primes each
// (a delivery to every user, which also creates the INBOXes), and
// returns how to stop them all. stop is valid even with an error.
func startAll(ctx context.Context, s settings, work string, plan userPlan, e *env) (main, idleOnly []*instance, stop func(), err error) {
	var all []*instance
	stop = func() {
		var wg sync.WaitGroup
		for _, in := range all {
			if in.stop != nil {
				wg.Go(in.stop)
			}
		}
		wg.Wait()
	}
	want := func(kind string, hib bool) bool {
		if !hib {
			return true
		}
		return s.runs("idle") && ((kind == "dovecot" && s.hibernate > 0) || (kind == "corvus" && s.corvusHib > 0))
	}
	for _, hib := range []bool{false, true} {
		for _, kind := range s.servers {
			if !want(kind, hib) {
				continue
			}
			t0 := time.Now()
			in, err := startInstance(s, kind, hib, work, plan)
			if in != nil {
				all = append(all, in)
			}
			if err != nil {
				return nil, nil, stop, err
			}
			if err := prime(ctx, in, plan); err != nil {
				return nil, nil, stop, err
			}
			e.setup = append(e.setup, fmt.Sprintf("%s: started, %d users made and each sent a message in %.1f s (data in %s)", in.name, len(plan.all()), time.Since(t0).Seconds(), in.dir))
			if hib {
				idleOnly = append(idleOnly, in)
			} else {
				main = append(main, in)
			}
		}
	}
	return main, idleOnly, stop, nil
}

// startInstance starts one server of kind with the benchmark's users.
func startInstance(s settings, kind string, hib bool, work string, plan userPlan) (*instance, error) {
	in := &instance{name: instanceName(kind, hib), kind: kind}
	if err := freeAddrs(in); err != nil {
		return nil, err
	}
	c := serverConfig{
		work: work, users: plan.all(), pass: password, prefork: s.prefork,
		maxchild:   s.idle + s.prefork + 4*s.clients + 16,
		corvusConf: s.corvusConf, corvusServices: s.corvusSvc, corvusBin: s.bin, corvusEnv: s.corvusEnv,
	}
	if hib {
		in.hibernate = s.hibernate
		if kind == "corvus" {
			in.hibernate = s.corvusHib
		}
		c.hib = in.hibernate
	}
	progress("starting %s (IMAP %s, LMTP %s)", in.name, in.imap, in.lmtp)
	var err error
	switch kind {
	case "corvus":
		err = startCorvus(c, in)
	case "cyrus":
		err = startCyrus(s.cyrus, c, in)
	case "dovecot":
		err = startDovecot(s.dovecotMail, c, in)
	default:
		err = fmt.Errorf("unknown server %q", kind)
	}
	if err != nil {
		return in, fmt.Errorf("start %s: %w", in.name, err)
	}
	return in, nil
}

// prime delivers one small message to every user over one LMTP
// connection: Corvus and Cyrus create an INBOX at its first delivery, and
// a server that refuses a user fails here, before anything is timed.
func prime(ctx context.Context, in *instance, plan userPlan) error {
	lc, err := dialLMTP(in.lmtp.String())
	if err != nil {
		return err
	}
	defer lc.close()
	for i, u := range plan.all() {
		if err := ctx.Err(); err != nil {
			return err
		}
		if _, err := lc.deliver(rcpt(u), fmt.Sprintf("prime.%s.%d", in.kind, i), wakeMessage); err != nil {
			return fmt.Errorf("%s: first delivery to %s: %w%s", in.name, u, err, in.logTail())
		}
	}
	lc.cmd("QUIT")
	return nil
}

// versions are the servers' versions as their packages or builds say.
func versions(s settings) map[string]string {
	v := map[string]string{}
	if out, err := exec.Command("dpkg-query", "-W", "-f", "${Version}", "cyrus-common").Output(); err == nil {
		v["cyrus"] = "Cyrus IMAP " + string(out) + " (Debian)"
	}
	if out, err := exec.Command("dovecot", "--version").Output(); err == nil {
		v["dovecot"] = "Dovecot " + strings.TrimSpace(string(out)) + " (Debian)"
	}
	if bin, err := benchmaster.FindBin(s.bin, "master"); err == nil {
		if out, err := exec.Command(filepath.Join(bin, "master"), "-V").CombinedOutput(); err == nil {
			// "master (Corvus 2ac143e)"
			ver := strings.TrimSpace(string(out))
			if i := strings.Index(ver, "Corvus"); i >= 0 {
				ver = strings.TrimSuffix(ver[i:], ")")
			}
			v["corvus"] = ver
		}
	}
	return v
}

// inotifyInstances is fs.inotify.max_user_instances, -1 if unreadable:
// Dovecot's IDLE (and its hibernation) needs an inotify instance per
// session, all under the one mail user, and silently falls back to
// polling when they run out.
func inotifyInstances() int {
	b, err := os.ReadFile("/proc/sys/fs/inotify/max_user_instances")
	if err != nil {
		return -1
	}
	n, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		return -1
	}
	return n
}
