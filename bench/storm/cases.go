package main

import (
	"fmt"
	"net/netip"
)

// stormCases is the connection-storm matrix, sized for a small (2-core)
// machine: clients, workers and storm itself share the CPUs.
var stormCases = []stormCase{
	{Ref: true, Clients: 32, Note: "reference: one Go process, accept loop and a goroutine per connection, no master"},
	{Prefork: 8, MaxChild: 64, Clients: 32, Note: "fewer ready workers than clients"},
	{Prefork: 32, MaxChild: 64, Clients: 32, Note: "a ready worker per client"},
	{Prefork: 32, MaxChild: 64, Clients: 32, GoMaxProcs: 1, Note: "same, one P per Go runtime"},
	{Prefork: 0, MaxChild: 64, Clients: 32, Note: "on demand; workers forked by the warm-up round are reused"},
	{Prefork: 0, MaxChild: 64, Clients: 32, Uses: 1, Rounds: 5, Note: "on demand, a fork for every connection"},
	{Prefork: 16, MaxChild: 16, Clients: 64, Note: "queueing behind maxchild"},
	{Prefork: 16, MaxChild: 16, Clients: 64, Backlog: 128, Note: "same, listen queue deep enough for the storm"},
}

// forkCases is the fork-rate table.
var forkCases = []forkCase{
	{Workers: 100, MaxChild: 200, Note: "unpaced"},
	// 20 at once (the first second's allowance), then 20/s: about 4 s.
	{Workers: 100, MaxChild: 200, MaxForkRate: 20, Note: "paced by maxforkrate=20"},
}

// stormCase is one row of the connection-storm matrix.
type stormCase struct {
	Prefork, MaxChild, Clients int
	// Backlog is master -l (listen queue); 0 keeps master's default (32).
	Backlog int
	// Uses is the worker's -U; 0 keeps the default (250, as Cyrus).
	Uses int
	// GoMaxProcs, if set, is put in master's environment, which its
	// workers inherit.
	GoMaxProcs int
	// Rounds, if set, caps the measured rounds of a slow case.
	Rounds int
	// Ref runs the case against the reference server (refserver.go)
	// instead of master; Prefork, MaxChild, Backlog and Uses do not apply.
	Ref bool
	// Note says what the row shows, for the table.
	Note string
}

// rounds is how many rounds the case measures when the default is n.
func (c stormCase) rounds(n int) int {
	if c.Rounds > 0 {
		return min(c.Rounds, n)
	}
	return n
}

// String names the case in progress messages.
func (c stormCase) String() string {
	if c.Ref {
		return fmt.Sprintf("reference clients=%d", c.Clients)
	}
	return fmt.Sprintf("prefork=%d maxchild=%d backlog=%d uses=%d gomaxprocs=%d clients=%d", c.Prefork, c.MaxChild, c.Backlog, c.Uses, c.GoMaxProcs, c.Clients)
}

// cyrusConf is the cyrus.conf of the case, listening on addr.
func (c stormCase) cyrusConf(addr netip.AddrPort) string {
	cmd := "echoworker"
	if c.Uses > 0 {
		cmd += fmt.Sprintf(" -U %d", c.Uses)
	}
	return fmt.Sprintf("SERVICES {\n  storm cmd=%q listen=\"%s\" prefork=%d maxchild=%d\n}\n",
		cmd, addr, c.Prefork, c.MaxChild)
}

// label names the case's settings in prose.
func (c stormCase) label() string {
	s := fmt.Sprintf("prefork=%d maxchild=%d", c.Prefork, c.MaxChild)
	if c.Backlog > 0 {
		s += fmt.Sprintf(" -l %d", c.Backlog)
	}
	if c.Uses > 0 {
		s += fmt.Sprintf(" -U %d", c.Uses)
	}
	if c.GoMaxProcs > 0 {
		s += fmt.Sprintf(" GOMAXPROCS=%d", c.GoMaxProcs)
	}
	return s
}

// env is the extra environment of master (and so of its workers).
func (c stormCase) env() []string {
	if c.GoMaxProcs > 0 {
		return []string{fmt.Sprintf("GOMAXPROCS=%d", c.GoMaxProcs)}
	}
	return nil
}

// masterArgs are the extra master flags of the case.
func (c stormCase) masterArgs() []string {
	if c.Backlog > 0 {
		return []string{"-l", fmt.Sprint(c.Backlog)}
	}
	return nil
}
