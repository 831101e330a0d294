package cyrusconf

import "testing"

func TestDaemonAndStart(t *testing.T) {
	cfg, diags := parse("START {\n recover cmd=\"ctl_cyrusdb -r\"\n}\nDAEMON {\n" +
		" idled cmd=idled\n" +
		" sync cmd=\"sync_client -r\" wait=y maxfds=512 maxforkrate=0\n}\n")
	noErrors(t, diags)
	if len(diags) != 0 {
		t.Errorf("unexpected warnings:\n%s", render(diags))
	}
	if len(cfg.Start) != 1 || cfg.Start[0].Name != "recover" || len(cfg.Start[0].Cmd) != 2 {
		t.Errorf("START = %+v", cfg.Start)
	}
	idled := cfg.Daemon("idled")
	if idled == nil || idled.MaxForkRate != 10 || idled.MaxFDs != 0 || idled.Wait {
		t.Errorf("idled = %+v, want maxforkrate 10 and no wait", idled)
	}
	sync := cfg.Daemon("sync")
	if sync == nil || !sync.Wait || sync.MaxFDs != 512 || sync.MaxForkRate != 0 {
		t.Errorf("sync = %+v", sync)
	}
	if cfg.Daemon("nope") != nil || cfg.Service("idled") != nil {
		t.Error("lookup found an absent entry")
	}
}

func TestDaemonDiagnostics(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		wants []want
	}{
		{"daemon missing cmd", "DAEMON {\nidled wait=y\n}\n", []want{{errD, "Unable to find command for daemon", 2, 1, ""}}},
		{"start missing cmd", "START {\nrecover\n}\n", []want{{errD, "Unable to find command for START entry", 2, 1, ""}}},
		{"bad wait", "DAEMON {\nidled cmd=idled wait=later\n}\n", []want{{errD, "Invalid switch", 2, 22, ""}}},
		{"start key", "START {\nrecover cmd=x period=5\n}\n", []want{{warnD, "Unknown key", 2, 15, "not a START key"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := parse(tt.src)
			checkDiags(t, diags, tt.wants)
		})
	}
}

func TestDuplicateNames(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		wants []want
		nSvc  int
		nDmn  int
	}{
		{"two services", services("imap cmd=imapd listen=143", "imap cmd=imapd listen=144"),
			[]want{{errD, "Duplicate name", 3, 1, "SERVICES entry of the same name at test.conf:2:1"}}, 1, 0},
		{"service then daemon", services("idled cmd=imapd listen=143") + "DAEMON {\nidled cmd=idled\n}\n",
			[]want{{errD, "Duplicate name", 5, 1, "DAEMON idled clashes with the SERVICES entry"}}, 1, 0},
		{"daemon then service", "DAEMON {\nidled cmd=idled\n}\n" + services("idled cmd=imapd listen=143"),
			[]want{{errD, "Duplicate name", 5, 1, "at test.conf:2:1"}}, 0, 1},
		{"two daemons", "DAEMON {\nd cmd=x\nd cmd=y\n}\n",
			[]want{{errD, "Duplicate name", 3, 1, ""}}, 0, 1},
		{"first had an error", services("imap cmd=imapd", "imap cmd=imapd listen=143"), []want{
			{errD, "Unable to find command or port", 2, 1, ""},
			{errD, "Duplicate name", 3, 1, ""},
		}, 0, 0},
		{"events warn", events("e cmd=x", "e cmd=y"), []want{{warnD, "Duplicate name", 3, 1, "both are kept"}}, 0, 0},
		{"start warns", "START {\nr cmd=x\nr cmd=y\n}\n", []want{{warnD, "Duplicate name", 3, 1, ""}}, 0, 0},
		{"same name in different sections", "START {\ntlsprune cmd=x\n}\n" + events("tlsprune cmd=y at=0400"), nil, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, diags := parse(tt.src)
			checkDiags(t, diags, tt.wants)
			if len(cfg.Services) != tt.nSvc || len(cfg.Daemons) != tt.nDmn {
				t.Errorf("got %d services, %d daemons; want %d, %d", len(cfg.Services), len(cfg.Daemons), tt.nSvc, tt.nDmn)
			}
		})
	}
}
