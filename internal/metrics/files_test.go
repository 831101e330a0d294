package metrics

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	ps "github.com/corvusmail/corvus/internal/metrics/procstats"
)

// deadPid returns the pid of a process that has exited and been reaped.
func deadPid(t *testing.T) int {
	t.Helper()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skipf("cannot run true: %v", err)
	}
	return cmd.Process.Pid
}

func newWorkerMaster(t *testing.T) (*Master, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "stats")
	if err := PrepareDir(dir, false, 0, 0); err != nil {
		t.Fatal(err)
	}
	return New(Options{StatsDir: dir, State: func(context.Context) (State, error) { return State{}, nil }}), dir
}

func TestWorkerFiles(t *testing.T) {
	m, dir := newWorkerMaster(t)
	self := os.Getpid() // alive for the whole test, as a live worker
	live, err := ps.Create(dir, self)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	m.ProcessStarted(self, "imap")
	live.Add(ps.LoginsOK, 2)
	live.Add(ps.LoginsFailed, 1)

	gone := deadPid(t)
	m.ProcessStarted(gone, "imap")
	w, err := ps.Create(dir, gone)
	if err != nil {
		t.Fatal(err)
	}
	w.Add(ps.LoginsOK, 5)
	w.ObserveFsync(2 * time.Millisecond)
	w.Close()
	m.ProcessExited(gone)
	if _, err := os.Stat(filepath.Join(dir, strconv.Itoa(gone))); !os.IsNotExist(err) {
		t.Errorf("file of the exited process still there: %v", err)
	}
	m.ProcessExited(gone) // twice: nothing more

	idled := deadPid(t)
	m.ProcessStarted(idled, "idled")
	h, _ := ps.Create(dir, idled)
	h.Set(ps.HibernatedSessions, 4)
	h.Set(ps.HibernationThaws, 9)
	h.Close()

	g := gather(t, m)
	want := gathered{
		`corvus_logins_total{result="ok",service="imap"}`:               7,
		`corvus_logins_total{result="failed",service="imap"}`:           1,
		`corvus_store_fsync_seconds_count{service="imap"}`:              1,
		`corvus_store_fsync_seconds_bucket{le="0.001",service="imap"}`:  0,
		`corvus_store_fsync_seconds_bucket{le="0.0025",service="imap"}`: 1,
		`corvus_store_fsync_seconds_bucket{le="2.5",service="imap"}`:    1,
		`corvus_store_fsync_seconds_sum{service="imap"}`:                0.002,
		`corvus_hibernated_sessions{service="idled"}`:                   4,
		`corvus_hibernation_thaws_total{service="idled"}`:               9,
	}
	for k, v := range want {
		if got, ok := g[k]; !ok || got != v {
			t.Errorf("%s = %v (present %v), want %v", k, got, ok, v)
		}
	}
	for _, k := range []string{`corvus_deliveries_total{result="delivered",service="imap"}`,
		`corvus_logins_total{result="ok",service="idled"}`, `corvus_hibernations_total{service="idled"}`} {
		if _, ok := g[k]; ok {
			t.Errorf("%s reported though all its slots are 0", k)
		}
	}

	// idled exits: its thaws stay, its gauge goes.
	m.ProcessExited(idled)
	g = gather(t, m)
	if g[`corvus_hibernation_thaws_total{service="idled"}`] != 9 {
		t.Errorf("thaws after exit = %v, want 9", g[`corvus_hibernation_thaws_total{service="idled"}`])
	}
	if g[`corvus_hibernated_sessions{service="idled"}`] != 0 {
		t.Errorf("hibernated sessions after exit = %v, want 0", g[`corvus_hibernated_sessions{service="idled"}`])
	}
}

// TestUnknownFiles: a file whose pid master never started counts under
// service ""; once its process is gone it is folded and removed.
func TestUnknownFiles(t *testing.T) {
	m, dir := newWorkerMaster(t)
	pid := deadPid(t)
	w, _ := ps.Create(dir, pid)
	w.Add(ps.DeliveriesOK, 3)
	w.Close()
	for i := range 2 { // the second scrape reads the folded count
		g := gather(t, m)
		if v := g[`corvus_deliveries_total{result="delivered",service=""}`]; v != 3 {
			t.Errorf("scrape %d: stray deliveries = %v, want 3", i, v)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, strconv.Itoa(pid))); !os.IsNotExist(err) {
		t.Errorf("stray file of a dead process kept: %v", err)
	}
}

func TestPrepareDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "stats")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"123", ".456.tmp", "keep.conf", "0123"} {
		os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o600)
	}
	if err := PrepareDir(dir, false, 0, 0); err != nil {
		t.Fatal(err)
	}
	ents, _ := os.ReadDir(dir)
	var left []string
	for _, e := range ents {
		left = append(left, e.Name())
	}
	if len(left) != 2 || left[0] != "0123" || left[1] != "keep.conf" {
		t.Errorf("left %v, want [0123 keep.conf]: only stats files are removed", left)
	}
}

func TestStatsPid(t *testing.T) {
	tests := []struct {
		name string
		pid  int
		ok   bool
	}{
		{"1", 1, true}, {"4194304", 4194304, true}, {"", 0, false}, {"0", 0, false},
		{"012", 0, false}, {"12a", 0, false}, {"-3", 0, false}, {".12.tmp", 0, false},
		{"99999999999999999999999", 0, false},
	}
	for _, tt := range tests {
		if pid, ok := statsPid(tt.name); pid != tt.pid || ok != tt.ok {
			t.Errorf("statsPid(%q) = %d, %v; want %d, %v", tt.name, pid, ok, tt.pid, tt.ok)
		}
	}
}
