package cyrusconf

import "fmt"

// buildService adds a SERVICES entry.
func (p *parser) buildService(e *rawEntry) {
	c := p.newCtx(e, secServices)
	s := &Service{Entry: c.entry()}
	c.serviceCore(s)
	maxchildGiven := c.serviceLimits(s)
	c.serviceDefaults(s, maxchildGiven)
	if !c.failed {
		p.cfg.Services = append(p.cfg.Services, s)
	}
}

// serviceCore reads cmd, proto and listen.
func (c *entryCtx) serviceCore(s *Service) {
	cmd, listen := c.arg("cmd"), c.arg("listen")
	if cmd == nil || listen == nil {
		missing := "cmd="
		switch {
		case cmd != nil:
			missing = "listen="
		case listen == nil:
			missing = "cmd= or listen="
		}
		c.errorf(c.e.rng, "Unable to find command or port for service",
			"Service %s has no %s; a service needs both cmd= and listen=.", c.e.name, missing)
	}
	s.Cmd = c.command()
	s.Proto = c.proto()
	if listen != nil {
		l, err := ParseListen(listen.value, s.Proto)
		if err != nil {
			c.errorf(listen.valRng, "Invalid listen address", "listen=%q: %v.", listen.value, err)
		}
		l.Range = listen.valRng
		s.Listen = l
	}
}

// proto reads proto=, tcp when absent.
func (c *entryCtx) proto() Proto {
	a := c.arg("proto")
	if a == nil {
		return ProtoTCP
	}
	switch p := Proto(a.value); p {
	case ProtoTCP, ProtoTCP4, ProtoTCP6, ProtoUDP:
		return p
	}
	extra := ""
	if a.value == "udp4" || a.value == "udp6" {
		extra = fmt.Sprintf(" Corvus does not support %s; use udp.", a.value)
	}
	c.errorf(a.valRng, "Invalid proto", "proto=%q: expected tcp, tcp4, tcp6 or udp.%s", a.value, extra)
	return ProtoTCP
}

// serviceLimits reads the numbers and babysit; it reports whether maxchild
// was given.
func (c *entryCtx) serviceLimits(s *Service) (maxchildGiven bool) {
	s.Prefork, _ = c.intArg("prefork", 0, 0, "a number of idle workers, 0 or more")
	s.MaxChild, maxchildGiven = c.intArg("maxchild", -1, -1, "a number of workers, or -1 for unlimited")
	s.MaxForkRate, _ = c.intArg("maxforkrate", 0, 0, "forks per second, 0 for no limit")
	s.MaxFDs, _ = c.intArg("maxfds", 0, 0, "a file descriptor limit, 0 to inherit master's")
	s.Babysit = c.switchArg("babysit")
	return maxchildGiven
}

// serviceDefaults applies the rules that tie the limits together.
func (c *entryCtx) serviceDefaults(s *Service, maxchildGiven bool) {
	if s.Babysit {
		// As Cyrus: a babysat service always has a worker, and a fork
		// limit so that a crashing worker cannot spin master.
		s.Prefork = max(s.Prefork, 1)
		if s.MaxForkRate == 0 {
			s.MaxForkRate = 10
		}
	}
	if s.Proto == ProtoUDP {
		c.udpLimits(s, maxchildGiven)
		return
	}
	if s.MaxChild == 0 {
		c.p.warnf(c.valueRange("maxchild"), "No worker can start",
			"maxchild=0 lets no worker of %s start; did you mean -1 (unlimited)?", s.Name)
	}
	if s.MaxChild > 0 && s.Prefork > s.MaxChild {
		c.p.warnf(c.valueRange("prefork"), "prefork above maxchild",
			"prefork=%d is more than maxchild=%d; %s preforks %d.", s.Prefork, s.MaxChild, s.Name, s.MaxChild)
		s.Prefork = s.MaxChild
	}
}

// udpLimits applies Cyrus's rule for datagram services: one socket, so one
// worker reads it.
func (c *entryCtx) udpLimits(s *Service, maxchildGiven bool) {
	if s.Prefork > 1 {
		c.p.warnf(c.valueRange("prefork"), "prefork clamped for udp",
			"A udp service has one worker; prefork=%d is treated as 1, as Cyrus does.", s.Prefork)
		s.Prefork = 1
	}
	if maxchildGiven && s.MaxChild != 1 {
		c.p.warnf(c.valueRange("maxchild"), "maxchild ignored for udp",
			"A udp service always has exactly one worker; maxchild=%d is ignored.", s.MaxChild)
	}
	s.MaxChild = 1
}
