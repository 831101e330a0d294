package cyrusconf

import (
	"strings"
	"testing"
)

func TestServiceValues(t *testing.T) {
	tests := []struct {
		name string
		line string
		want Service // only the fields below are compared
	}{
		{"defaults", `imap cmd="imapd -U 30" listen="imap"`,
			Service{Proto: ProtoTCP, Prefork: 0, MaxChild: -1, MaxForkRate: 0, MaxFDs: 0}},
		{"all keys", `imaps cmd="imapd -s" listen=993 proto=tcp6 prefork=5 maxchild=100 maxforkrate=20 maxfds=1024`,
			Service{Proto: ProtoTCP6, Prefork: 5, MaxChild: 100, MaxForkRate: 20, MaxFDs: 1024}},
		{"leading zeros", `imap cmd=imapd listen=imap prefork=007`,
			Service{Proto: ProtoTCP, Prefork: 7, MaxChild: -1}},
		{"maxchild -1", `imap cmd=imapd listen=imap maxchild=-1`,
			Service{Proto: ProtoTCP, MaxChild: -1}},
		{"babysit implies", `imap cmd=imapd listen=imap babysit=yes`,
			Service{Proto: ProtoTCP, Babysit: true, Prefork: 1, MaxChild: -1, MaxForkRate: 10}},
		{"babysit keeps given", `imap cmd=imapd listen=imap babysit=TRUE prefork=3 maxforkrate=50`,
			Service{Proto: ProtoTCP, Babysit: true, Prefork: 3, MaxChild: -1, MaxForkRate: 50}},
		{"babysit off", `imap cmd=imapd listen=imap babysit=off`,
			Service{Proto: ProtoTCP, MaxChild: -1}},
		{"udp", `notify cmd=notifyd listen=/run/notify proto=udp prefork=1`,
			Service{Proto: ProtoUDP, Prefork: 1, MaxChild: 1}},
		{"tcp4", `imap cmd=imapd listen=imap proto=tcp4`,
			Service{Proto: ProtoTCP4, MaxChild: -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, diags := parse(services(tt.line))
			noErrors(t, diags)
			if len(diags) != 0 {
				t.Errorf("unexpected warnings:\n%s", render(diags))
			}
			if len(cfg.Services) != 1 {
				t.Fatalf("got %d services", len(cfg.Services))
			}
			s, w := cfg.Services[0], tt.want
			if s.Proto != w.Proto || s.Prefork != w.Prefork || s.MaxChild != w.MaxChild ||
				s.MaxForkRate != w.MaxForkRate || s.MaxFDs != w.MaxFDs || s.Babysit != w.Babysit {
				t.Errorf("got proto=%s prefork=%d maxchild=%d maxforkrate=%d maxfds=%d babysit=%v\nwant %+v",
					s.Proto, s.Prefork, s.MaxChild, s.MaxForkRate, s.MaxFDs, s.Babysit, w)
			}
			if len(s.Cmd) == 0 || s.Listen.Raw == "" {
				t.Errorf("cmd %q listen %q", s.Cmd, s.Listen.Raw)
			}
		})
	}
}

func TestServiceDiagnostics(t *testing.T) {
	tests := []struct {
		name  string
		line  string
		wants []want
		kept  bool // the service is in the Config
	}{
		{"missing listen", `imap cmd=imapd`, []want{{errD, "Unable to find command or port for service", 2, 1, "no listen="}}, false},
		{"missing cmd", `imap listen=imap`, []want{{errD, "Unable to find command or port", 2, 1, "no cmd="}}, false},
		{"missing both", `imap prefork=1`, []want{{errD, "Unable to find command or port", 2, 1, "no cmd= or listen="}}, false},
		{"empty cmd", `imap cmd="  " listen=imap`, []want{{errD, "Empty command", 2, 11, ""}}, false},
		{"garbage number", `imap cmd=imapd listen=imap prefork=5x`, []want{{errD, "Invalid number", 2, 36, "not a whole number; expected a number of idle workers"}}, false},
		{"empty number", `imap cmd=imapd listen=imap prefork=`, []want{{errD, "Invalid number", 2, 36, ""}}, false},
		{"plus sign", `imap cmd=imapd listen=imap maxfds=+5`, []want{{errD, "Invalid number", 2, 35, ""}}, false},
		{"huge number", `imap cmd=imapd listen=imap maxfds=99999999999`, []want{{errD, "Invalid number", 2, 35, "too large"}}, false},
		{"negative prefork", `imap cmd=imapd listen=imap prefork=-1`, []want{{errD, "Number out of range", 2, 36, "at least 0"}}, false},
		{"maxchild -2", `imap cmd=imapd listen=imap maxchild=-2`, []want{{errD, "Number out of range", 2, 37, "at least -1"}}, false},
		{"negative maxforkrate", `imap cmd=imapd listen=imap maxforkrate=-1`, []want{{errD, "Number out of range", 2, 40, ""}}, false},
		{"negative maxfds", `imap cmd=imapd listen=imap maxfds=-1`, []want{{errD, "Number out of range", 2, 35, ""}}, false},
		{"maxchild 0", `imap cmd=imapd listen=imap maxchild=0`, []want{{warnD, "No worker can start", 2, 37, "did you mean -1"}}, true},
		{"prefork above maxchild", `imap cmd=imapd listen=imap prefork=10 maxchild=4`, []want{{warnD, "prefork above maxchild", 2, 36, "preforks 4"}}, true},
		{"bad switch", `imap cmd=imapd listen=imap babysit=maybe`, []want{{errD, "Invalid switch", 2, 36, "yes or no"}}, false},
		{"bad proto", `imap cmd=imapd listen=imap proto=sctp`, []want{{errD, "Invalid proto", 2, 34, "tcp, tcp4, tcp6 or udp"}}, false},
		{"udp4", `imap cmd=imapd listen=imap proto=udp4`, []want{{errD, "Invalid proto", 2, 34, "use udp"}}, false},
		{"udp prefork", `n cmd=notifyd listen=/s proto=udp prefork=4`, []want{{warnD, "prefork clamped for udp", 2, 43, ""}}, true},
		{"udp maxchild", `n cmd=notifyd listen=/s proto=udp maxchild=5`, []want{{warnD, "maxchild ignored for udp", 2, 44, ""}}, true},
		{"udp maxchild 1", `n cmd=notifyd listen=/s proto=udp maxchild=1`, nil, true},
		{"bad listen", `imap cmd=imapd listen="imap:"`, []want{{errD, "Invalid listen address", 2, 24, "missing port"}}, false},
		{"two errors", `imap cmd=imapd listen=0 prefork=x`, []want{
			{errD, "Invalid listen address", 2, 23, "out of range"},
			{errD, "Invalid number", 2, 33, ""},
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, diags := parse(services(tt.line))
			checkDiags(t, diags, tt.wants)
			if got := len(cfg.Services) == 1; got != tt.kept {
				t.Errorf("service kept = %v, want %v", got, tt.kept)
			}
		})
	}
}

// TestServiceClamps checks the values after the warnings.
func TestServiceClamps(t *testing.T) {
	cfg, _ := parse(services(
		`imap cmd=imapd listen=imap prefork=10 maxchild=4`,
		`notify cmd=notifyd listen=/s proto=udp prefork=4 maxchild=9`,
		`pop3 cmd=pop3d listen=pop3 maxchild=0`,
	))
	if s := cfg.Service("imap"); s == nil || s.Prefork != 4 {
		t.Errorf("imap = %+v, want prefork 4", s)
	}
	if s := cfg.Service("notify"); s == nil || s.Prefork != 1 || s.MaxChild != 1 {
		t.Errorf("notify = %+v, want prefork 1 maxchild 1", s)
	}
	if s := cfg.Service("pop3"); s == nil || s.MaxChild != 0 {
		t.Errorf("pop3 = %+v, want maxchild kept at 0", s)
	}
}

func TestSwitchSpellings(t *testing.T) {
	for _, v := range strings.Fields("1 y yes t true on Y YES True ON") {
		if got, ok := parseSwitch(v); !got || !ok {
			t.Errorf("parseSwitch(%q) = %v, %v", v, got, ok)
		}
	}
	for _, v := range strings.Fields("0 n no f false off N No FALSE Off") {
		if got, ok := parseSwitch(v); got || !ok {
			t.Errorf("parseSwitch(%q) = %v, %v", v, got, ok)
		}
	}
	for _, v := range []string{"", "2", "yep", "onn", "nope"} {
		if _, ok := parseSwitch(v); ok {
			t.Errorf("parseSwitch(%q) accepted", v)
		}
	}
}
