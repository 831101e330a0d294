package cyrusconf

// buildStart adds a START entry.
func (p *parser) buildStart(e *rawEntry) {
	c := p.newCtx(e, secStart)
	s := &Start{Entry: c.entry()}
	s.Cmd = c.requireCmd("START entry")
	if !c.failed {
		p.cfg.Start = append(p.cfg.Start, s)
	}
}

// buildDaemon adds a DAEMON entry.
func (p *parser) buildDaemon(e *rawEntry) {
	c := p.newCtx(e, secDaemon)
	d := &Daemon{Entry: c.entry()}
	d.Cmd = c.requireCmd("daemon")
	d.MaxFDs, _ = c.intArg("maxfds", 0, 0, "a file descriptor limit, 0 to inherit master's")
	// As Cyrus: daemons default to 10 forks a second, so one that dies at
	// once cannot spin master.
	d.MaxForkRate, _ = c.intArg("maxforkrate", 10, 0, "restarts per second, 0 for no limit")
	d.Wait = c.switchArg("wait")
	if !c.failed {
		p.cfg.Daemons = append(p.cfg.Daemons, d)
	}
}
