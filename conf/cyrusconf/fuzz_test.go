package cyrusconf

import (
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/corvusmail/corvus/conf/diagnostics"
)

func FuzzParse(f *testing.F) {
	seeds := []string{
		"",
		"START {\n recover cmd=\"ctl_cyrusdb -r\"\n}\n",
		services(`imap cmd="imapd -U 30" listen="[::1]:imap" prefork=2 maxchild=10 babysit=y`),
		services(`notify cmd=notifyd listen=/run/notify proto=udp prefork=3 maxchild=0}`),
		events(`e cmd=x cron="*/5 1-3 * jan-mar mon,fri"`, `f cmd=y at=0400 period=3`),
		"DAEMON{\nidled cmd=idled wait=1 maxfds=-1\n} trailing\n",
		"FOO { x }\n}\nSERVICES\n{\n",
		"SERVICES {\r\nimap cmd=\"imapd #x\" listen=imap\r\n",
		"SERVICES {\nimap cmd=imapd listen=imap\nimap cmd=imapd listen=imap\n}\nDAEMON {\nimap cmd=x\n}\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "*.conf"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		cfg, diags := Parse(src, "fuzz.conf")
		if cfg == nil {
			t.Fatal("nil Config")
		}
		prev := -1
		for _, d := range diags {
			s := d.Subject
			if s == nil || s.Filename != "fuzz.conf" || s.Start.Line < 1 || s.Start.Column < 1 ||
				s.Start.Byte > len(src) || s.End.Byte < s.Start.Byte || d.Summary == "" {
				t.Fatalf("bad diagnostic %+v", d)
			}
			if s.Start.Byte < prev {
				t.Fatalf("diagnostics out of order at %+v", d)
			}
			prev = s.Start.Byte
		}
		// Our ranges must render against the source without trouble.
		var srcs diagnostics.Sources
		srcs.Add("fuzz.conf", src)
		if err := diagnostics.Write(io.Discard, diags, &srcs, 80); err != nil {
			t.Fatalf("render: %v", err)
		}
		checkConfig(t, cfg)
	})
}

// checkConfig asserts what every kept entry guarantees.
func checkConfig(t *testing.T, cfg *Config) {
	t.Helper()
	var entries []Entry
	for _, s := range cfg.Start {
		entries = append(entries, s.Entry)
	}
	for _, s := range cfg.Services {
		entries = append(entries, s.Entry)
		if !s.Listen.IsUnix() && (s.Listen.Port < 1 || s.Listen.Port > 65535) {
			t.Fatalf("service %s: bad port %d", s.Name, s.Listen.Port)
		}
		if s.Prefork < 0 || s.MaxChild < -1 || s.MaxForkRate < 0 || s.MaxFDs < 0 {
			t.Fatalf("service %s: bad limits %+v", s.Name, s)
		}
		if s.Proto == ProtoUDP && (s.MaxChild != 1 || s.Prefork > 1) {
			t.Fatalf("udp service %s: %+v", s.Name, s)
		}
	}
	for _, e := range cfg.Events {
		entries = append(entries, e.Entry)
		if n := btoi(e.Period > 0) + btoi(e.At != nil) + btoi(e.Cron != nil); n > 1 {
			t.Fatalf("event %s has %d schedules", e.Name, n)
		}
		if next, ok := e.NextRun(time.Unix(0, 0).UTC()); ok && !next.After(time.Unix(0, 0)) {
			t.Fatalf("event %s: NextRun %v not after the epoch", e.Name, next)
		}
	}
	for _, d := range cfg.Daemons {
		entries = append(entries, d.Entry)
	}
	for _, e := range entries {
		if len(e.Cmd) == 0 || e.Name == "" || e.Range.Start.Line < 1 {
			t.Fatalf("bad entry %+v", e)
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func FuzzParseCron(f *testing.F) {
	for _, s := range []string{
		"* * * * *", "*/15 1-5 * * mon-fri", "0 0 29 feb *", "0 0 30 feb mon",
		"1-30/5 */2 1,15 jan,jul 0,7", "5/10 * * * sun-sat", "0 0 31 * */7", "",
		"60 * * * *", "0 0 30 feb *", "1,,2 * * * *",
	} {
		f.Add(s)
	}
	after := time.Date(2025, 6, 15, 12, 34, 56, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCron(s)
		if err != nil {
			return
		}
		next := c.Next(after)
		if next.IsZero() {
			t.Fatalf("%q: accepted but never matches", s)
		}
		if !next.After(after) || next.Second() != 0 || !c.month.has(int(next.Month())) ||
			!c.dayMatches(next) || !c.hour.has(next.Hour()) || !c.minute.has(next.Minute()) {
			t.Fatalf("%q: Next = %v does not match", s, next)
		}
	})
}
