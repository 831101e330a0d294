package tests

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/corvusmail/corvus/tests/harness"
)

// Both the checker (-t) and a real start must refuse a broken file and
// say where: file:line:col.
func TestBrokenConfigsFailWithLocation(t *testing.T) {
	tests := []struct {
		name       string
		imapd      string
		cyrus      string
		wantFile   string
		wantLineCo string
	}{
		{"cyrus.conf bad number", "", `SERVICES {
  echo cmd="echoworker" listen="127.0.0.1:1" prefork=lots
}`, "cyrus.conf", ":2:"},
		{"cyrus.conf unterminated quote", "", `SERVICES {
  echo cmd="echoworker listen=1
}`, "cyrus.conf", ":2:"},
		{"cyrus.conf missing brace", "", `SERVICES {
  echo cmd="echoworker" listen="127.0.0.1:1"
`, "cyrus.conf", ":1:"},
		{"imapd.conf bad duration", "timeout: soon\n", `SERVICES {
}`, "imapd.conf", ":3:"},
		{"imapd.conf bad switch", "allowplaintext: maybe\n", ``, "imapd.conf", ":3:"},
		{"missing program", "", `SERVICES {
  echo cmd="no-such-program" listen="127.0.0.1:1"
}`, "cyrus.conf", ":2:"},
	}
	loc := regexp.MustCompile(`[^\s:]+:\d+:\d+: error: `)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := harness.NewDir(t)
			imapd, cyrus := harness.WriteConfigs(t, dir, harness.Config{CyrusConf: tt.cyrus, ImapdExtra: tt.imapd})
			for _, args := range [][]string{
				{"-t", "-C", imapd, "-M", cyrus},
				{"-D", "-C", imapd, "-M", cyrus},
			} {
				out, code := harness.RunMaster(t, args...)
				if code == 0 {
					t.Fatalf("master %v exited 0 on a broken config:\n%s", args[0], out)
				}
				want := filepath.Join(dir, tt.wantFile) + tt.wantLineCo
				if !strings.Contains(out, want) || !loc.MatchString(out) {
					t.Fatalf("master %v: output lacks %q as file:line:col:\n%s", args[0], want, out)
				}
			}
		})
	}
}

// A stock Cyrus configuration is accepted: warnings only, each naming file
// and line, and nothing silently dropped.
func TestStockCyrusConfigsAreAccepted(t *testing.T) {
	root, _ := filepath.Abs("..")
	tests := []struct {
		name         string
		imapd, cyrus string
		wantWarnings []string
	}{
		{"debian", "testdata/debian-imapd.conf", "testdata/debian-cyrus.conf", []string{
			`debian-cyrus.conf:20:2: warning: Cyrus program not provided by Corvus`, // pop3d
			`debian-imapd.conf:17:1: warning: Cyrus option "umask" is not implemented`,
			`ctl_cyrusdb`,
		}},
		{"corvus sample", filepath.Join(root, "conf/samples/imapd.conf"), filepath.Join(root, "conf/samples/cyrus.conf"), nil},
		{"spec example", filepath.Join(root, "conf/samples/imapd.conf"), "testdata/spec-services.conf", []string{
			`warning: Cyrus program not provided by Corvus`, // timsieved, httpd, pop3d
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, code := harness.RunMaster(t, "-t", "-C", tt.imapd, "-M", tt.cyrus)
			if code != 0 || !strings.Contains(out, "master: 0 error(s)") {
				t.Fatalf("master -t exited %d:\n%s", code, out)
			}
			for _, w := range tt.wantWarnings {
				if !strings.Contains(out, w) {
					t.Errorf("no warning %q in:\n%s", w, out)
				}
			}
		})
	}
}

func TestMasterFlags(t *testing.T) {
	out, code := harness.RunMaster(t, "-V")
	if code != 0 || !strings.HasPrefix(out, "master (Corvus ") {
		t.Fatalf("-V: %d %q", code, out)
	}
	out, code = harness.RunMaster(t, "-U5")
	if code != 64 {
		t.Fatalf("unknown flag exited %d, want 64 (EX_USAGE): %s", code, out)
	}
	out, code = harness.RunMaster(t, "-d", "-D")
	if code != 64 || !strings.Contains(out, "cannot be used together") {
		t.Fatalf("-d -D exited %d: %s", code, out)
	}
}

// master -d returns once the background master is serving, and that master
// runs on with its pid in the pid file.
func TestDaemonizeReturnsWhenReady(t *testing.T) {
	dir := harness.NewDir(t)
	port := harness.FreePort(t)
	imapd, cyrus := harness.WriteConfigs(t, dir, harness.Config{CyrusConf: `SERVICES {
  echo cmd="echoworker" listen="127.0.0.1:` + itoa(port) + `" prefork=1
}`})
	out, code := harness.RunMaster(t, "-d", "-C", imapd, "-M", cyrus)
	if code != 0 {
		t.Fatalf("master -d exited %d: %s", code, out)
	}
	pid := readPid(t, filepath.Join(dir, "master.pid"))
	if pid == 0 || !harness.Alive(pid) {
		t.Fatalf("no live background master (pid %d)", pid)
	}
	t.Cleanup(func() { killTree(pid) })
	c := harness.MustDial(t, "tcp", "127.0.0.1:"+itoa(port))
	c.Quit()
	if _, err := os.Stat(filepath.Join(dir, "master.ready")); err != nil {
		t.Fatalf("ready file: %v", err)
	}
}
