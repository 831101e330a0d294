package benchmaster

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/corvusmail/corvus/bench/procstat"
)

// fakeMaster is a stand-in bin/master: it logs its arguments, forks three
// sleeping children, writes the -r ready file and on SIGTERM stops them
// and exits; with a file "fail" in its directory it logs and exits at
// once; with a file "slow" it never writes the ready file.
const fakeMaster = `#!/bin/sh
echo "args: $*"
echo "env: $BENCH_EXTRA"
while [ $# -gt 0 ]; do case $1 in -r) ready=$2; shift;; esac; shift; done
if [ -e "$(dirname "$ready")/fail" ]; then echo "bad cyrus.conf"; exit 1; fi
if [ -e "$(dirname "$ready")/slow" ]; then sleep 30; fi
i=0
while [ $i -lt 3 ]; do sleep 30 & kids="$kids $!"; i=$((i+1)); done
: > "$ready"
trap 'kill $kids; exit 0' TERM
wait
`

// waitGroupGone waits (bounded) until process group pgrp is empty: killed
// processes take a moment to die.
func waitGroupGone(t *testing.T, pgrp int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for len(procstat.Group(pgrp)) > 0 {
		if time.Now().After(deadline) {
			t.Fatalf("group %v left after Stop", procstat.Group(pgrp))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func fakeDir(t *testing.T) *Dir {
	t.Helper()
	bin := t.TempDir()
	if err := os.WriteFile(filepath.Join(bin, "master"), []byte(fakeMaster), 0o755); err != nil {
		t.Fatal(err)
	}
	d, err := NewDir(bin, "benchmaster-test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Remove() })
	return d
}

func TestMaster(t *testing.T) {
	tests := []struct {
		name      string
		fail      bool
		o         Options
		workers   int
		wantErr   string
		logHas    []string
		dirRemain bool
	}{
		{name: "ready with workers", workers: 3, dirRemain: true,
			o:      Options{Args: []string{"-l", "128"}, Env: []string{"BENCH_EXTRA=yes"}},
			logHas: []string{"-D -C ", " -l 128", "env: yes"}},
		{name: "ready only", workers: 0, dirRemain: true},
		{name: "directory removed", workers: 3, o: Options{RemoveDir: true}},
		{name: "exits", fail: true, wantErr: "master exited", logHas: []string{"bad cyrus.conf"}, dirRemain: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := fakeDir(t)
			if tt.fail {
				os.WriteFile(d.Path("fail"), nil, 0o644)
			}
			m, err := d.Start("SERVICES {\n}\n", tt.o)
			if err != nil {
				t.Fatal(err)
			}
			defer m.Stop()
			err = m.WaitWorkers(tt.workers)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), tt.logHas[0]) {
					t.Fatalf("WaitWorkers = %v, want %q and the log", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if n := len(procstat.Children(m.Pid())); n < tt.workers {
				t.Errorf("%d children after WaitWorkers(%d)", n, tt.workers)
			}
			m.Stop()
			waitGroupGone(t, m.Pid())
			for _, w := range tt.logHas {
				if !strings.Contains(m.LogTail(), w) {
					t.Errorf("log lacks %q:\n%s", w, m.LogTail())
				}
			}
			if _, err := os.Stat(d.Path("cyrus.conf")); (err == nil) != tt.dirRemain {
				t.Errorf("directory there after Stop: %v, want %v", err == nil, tt.dirRemain)
			}
		})
	}
}

// TestMasterAgain checks that a second master on the same directory waits
// for its own ready file and appends to the same log.
func TestMasterAgain(t *testing.T) {
	d := fakeDir(t)
	for i := range 2 {
		m, err := d.Start(fmt.Sprintf("# run %d\n", i), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := m.WaitReady(); err != nil {
			t.Fatal(err)
		}
		m.Stop()
	}
	b, _ := os.ReadFile(d.Path("master.log"))
	if n := strings.Count(string(b), "args: "); n != 2 {
		t.Errorf("log holds %d runs, want 2:\n%s", n, b)
	}
}

func TestWaitReadyWithin(t *testing.T) {
	tests := []struct {
		name, file string
		within     time.Duration
		wantErr    string
	}{
		{"ready", "", 10 * time.Second, ""},
		{"too slow", "slow", 200 * time.Millisecond, "timed out after 200ms waiting for the ready file"},
		{"exits", "fail", 10 * time.Second, "master exited"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := fakeDir(t)
			if tt.file != "" {
				os.WriteFile(d.Path(tt.file), nil, 0o644)
			}
			m, err := d.Start("", Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer m.Stop()
			err = m.WaitReadyWithin(tt.within)
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("WaitReadyWithin = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestPollTimesOut(t *testing.T) {
	d := fakeDir(t)
	m, err := d.Start("", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Stop()
	err = m.Poll(50*time.Millisecond, time.Millisecond, "nothing", func() bool { return false })
	if err == nil || !strings.Contains(err.Error(), "timed out after 50ms waiting for nothing") {
		t.Fatalf("Poll = %v, want a timeout", err)
	}
}

func TestLogTail(t *testing.T) {
	tests := []struct {
		lines int
		first string
		n     int
	}{
		{0, "", 1},
		{3, "line 1", 3},
		{25, "line 6", 20},
	}
	for _, tt := range tests {
		var b strings.Builder
		for i := 1; i <= tt.lines; i++ {
			fmt.Fprintf(&b, "line %d\n", i)
		}
		m := &Master{Log: filepath.Join(t.TempDir(), "master.log")}
		os.WriteFile(m.Log, []byte(b.String()), 0o644)
		got := strings.Split(m.LogTail(), "\n")
		if got[0] != tt.first || len(got) != tt.n {
			t.Errorf("%d lines: tail starts %q with %d lines, want %q with %d", tt.lines, got[0], len(got), tt.first, tt.n)
		}
	}
}
