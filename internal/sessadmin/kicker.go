package sessadmin

import (
	"context"
	"fmt"
	"io"
	"time"

	"golang.org/x/sys/unix"

	"github.com/corvusmail/corvus/internal/idle"
	"github.com/corvusmail/corvus/internal/procinfo"
)

// kicker ends sessions: a live imapd's through its kick request and
// signal, hibernated ones through a Kick datagram to idled.
type kicker struct {
	dir, idled, services string
	stdout, stderr       io.Writer
}

// kick ends t's sessions and reports whether it had any and all ended.
func (k *kicker) kick(ctx context.Context, t target) bool {
	found := false
	for range kickRounds {
		left := k.find(t)
		if len(left) == 0 {
			break
		}
		found = true
		for _, p := range left {
			k.end(ctx, t, p)
		}
		if k.waitGone(ctx, t) {
			fmt.Fprintf(k.stdout, "%s: %d session(s) ended\n", t, len(left))
			return true
		}
	}
	if !found {
		fmt.Fprintf(k.stderr, "cyr_kick: %s: no session\n", t)
		return false
	}
	for _, p := range k.find(t) {
		fmt.Fprintf(k.stderr, "cyr_kick: %s: session still there: %d %s %s %s\n", t, p.PID, p.Service, p.Host, p.State)
	}
	return false
}

// find lists t's sessions, except lmtpd's: an LMTP client is an MTA
// that would only come back.
func (k *kicker) find(t target) []procinfo.Proc {
	all, err := procinfo.List(k.dir)
	if err != nil {
		fmt.Fprintf(k.stderr, "cyr_kick: %v\n", err)
		return nil
	}
	var out []procinfo.Proc
	for _, p := range all {
		if t.matches(p, k.services) && p.State != procinfo.StateLMTP {
			out = append(out, p)
		}
	}
	return out
}

// end asks p's process to end the session.
func (k *kicker) end(ctx context.Context, t target, p procinfo.Proc) {
	if p.State == procinfo.StateHibernated {
		user := p.User
		if t.user == "" {
			user = procinfo.KickAll // the pid named is idled's: all it holds
		}
		if err := idle.SendKick(ctx, k.idled, user); err != nil {
			fmt.Fprintf(k.stderr, "cyr_kick: %s: tell idled: %v\n", t, err)
		}
		return
	}
	user := t.user
	if user == "" {
		user = procinfo.KickAll
	}
	if err := procinfo.RequestKick(k.dir, p.PID, user); err != nil {
		fmt.Fprintf(k.stderr, "cyr_kick: %s: %v\n", t, err)
		return
	}
	if err := unix.Kill(p.PID, kickSignal); err != nil {
		fmt.Fprintf(k.stderr, "cyr_kick: %s: signal pid %d: %v\n", t, p.PID, err)
	}
}

// waitGone waits up to kickWait for t's sessions to leave the listing.
func (k *kicker) waitGone(ctx context.Context, t target) bool {
	deadline := time.Now().Add(kickWait)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		if len(k.find(t)) == 0 {
			return true
		}
		time.Sleep(100 * time.Millisecond)
	}
	return len(k.find(t)) == 0
}
