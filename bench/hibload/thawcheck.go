package main

import (
	"time"

	"github.com/corvusmail/corvus/bench/procstat"
)

// placement is where the IMAP sessions are at one moment, seen from
// outside: idled exposes no counter of answers or thaws (its Holder's
// Stats stay inside the process), so a thaw shows as a socket leaving
// idled and an IMAP connection held by an imapd -R.
type placement struct {
	idled     int            // sessions idled holds (its sockets beyond its own)
	byClass   map[string]int // IMAP connections held, by process class
	thawProcs int            // imapd -R processes
	thawCPU   time.Duration  // their CPU time so far
}

// place reads where the sessions are.
func (c *sizeCase) place() (placement, error) {
	procs := serverProcs(c.m.Pid())
	p := placement{idled: c.held(), thawProcs: len(procs[classThaw])}
	for _, pid := range procs[classThaw] {
		p.thawCPU += procstat.OnCPU(pid)
	}
	var err error
	p.byClass, err = holders(procs, c.imap.Port())
	return p, err
}

// thawsBetween is what a and b say about thaws in between: sessions that
// left idled, connections the thaw service holds at b, the thaw
// service's CPU time in between (its processes forked in between count
// from 0).
func thawsBetween(a, b placement) (left, thawHeld int, thawCPU time.Duration) {
	return a.idled - b.idled, b.byClass[classThaw], max(0, b.thawCPU-a.thawCPU)
}
