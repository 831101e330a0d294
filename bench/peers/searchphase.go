package main

import (
	"context"
	"fmt"
	"time"

	"github.com/corvusmail/corvus/bench/benchstats"
)

// searchPhase is the search measurement (issue 5): every server's search
// user gets the same corpus, then each command runs once on each server
// untimed (caches warm, as on a server in use), then reps times in turn,
// Corvus, Cyrus, Dovecot, Corvus, …; the median time per command and
// server is reported with how many results each gave.
func searchPhase(ctx context.Context, s settings, insts []*instance, res *results, e *env, quiet func()) error {
	c := newCorpus(s.searchMsgs)
	user := s.plan().searchUser()
	var sessions []*searchSession
	defer func() {
		for _, ss := range sessions {
			ss.ic.close()
		}
	}()
	for _, in := range insts {
		progress("filling %s's search INBOX with %d messages", in.name, c.n)
		t0 := time.Now()
		n, err := fillMailbox(ctx, in, user, c)
		if err != nil {
			return err
		}
		took := time.Since(t0)
		e.search = append(e.search, fmt.Sprintf("%s: %d messages APPENDed in %.0f s (%.0f/s)", in.name, n, took.Seconds(), float64(c.n)/took.Seconds()))
		ss, err := openSearch(in, user)
		if err != nil {
			return fmt.Errorf("%s: %w", in.name, err)
		}
		sessions = append(sessions, ss)
	}
	cmds := searchCommands(c)
	for _, ss := range sessions {
		progress("warm-up pass on %s", ss.in.name)
		for _, cmd := range cmds {
			if _, _, err := ss.time(cmd); err != nil {
				return err
			}
		}
	}
	for rep := range s.searchReps {
		for _, cmd := range cmds {
			for _, ss := range sessions {
				quiet()
				d, hits, err := ss.time(cmd)
				if err != nil {
					return err
				}
				progress("search run %d on %s: %s %.1f ms, %d results", rep+1, ss.in.name, cmd.key, benchstats.MS(d), hits)
				res.add(ss.in.name, figures{"search." + cmd.key: benchstats.MS(d), "hits." + cmd.key: float64(hits)})
			}
		}
	}
	return ctx.Err()
}
