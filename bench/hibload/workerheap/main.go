// Command workerheap looks inside an imapd worker that hands its
// sessions to idled: it runs internal/imap/server in this process as one
// imapd worker does (one connection at a time, a sqlite store, an
// in-process idled for the IDLE watches), lets sessions LOGIN, SELECT
// INBOX and IDLE until imap_hibernate_timeout hands them to a hook that
// takes them as idled would, and at checkpoints forces a GC and reports
// the Go heap, the memory sqlite's C allocator holds outside it, the
// process's PSS and the account databases open, writing a heap profile
// for go tool pprof each time. hibload measures the real processes; this
// says where a worker's growth lives.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"

	"github.com/corvusmail/corvus/bench/procstat"
)

func main() {
	users := flag.Int("users", 100, "users the sessions are spread over, round-robin")
	sessions := flag.String("checkpoints", "0,100,200,400,800", "sessions served at which to report (ascending)")
	dir := flag.String("dir", "", "write heap-<n>.pprof here (default: a temporary directory, kept)")
	flag.Parse()
	points, err := parsePoints(*sessions)
	if err != nil || *users < 1 {
		fmt.Fprintln(os.Stderr, "workerheap: flags out of range:", err)
		os.Exit(64)
	}
	if err := run(*users, points, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "workerheap:", err)
		os.Exit(1)
	}
}

func run(users int, points []int, dir string) error {
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "workerheap-"); err != nil {
			return err
		}
	}
	w, err := newWorker(users)
	if err != nil {
		return err
	}
	defer w.close()
	ctx := context.Background()
	// Warm-up: one session per user, as hibload's.
	for u := range users {
		if err := w.session(ctx, u); err != nil {
			return fmt.Errorf("warm-up: %w", err)
		}
	}
	fmt.Printf("%8s %10s %10s %10s %10s %8s %10s\n", "sessions", "heap kB", "C kB est", "PSS kB", "RSS kB", "open dbs", "goroutines")
	served := 0
	for _, p := range points {
		for ; served < p; served++ {
			if err := w.session(ctx, served%users); err != nil {
				return fmt.Errorf("session %d: %w", served, err)
			}
		}
		if err := report(served, w.storeDir, filepath.Join(dir, "heap-"+strconv.Itoa(served)+".pprof")); err != nil {
			return err
		}
	}
	fmt.Printf("heap profiles in %s (go tool pprof -top -inuse_space -diff_base=heap-%d.pprof heap-%d.pprof)\n", dir, points[0], points[len(points)-1])
	return nil
}

// report forces a GC, prints one checkpoint's line and writes the heap
// profile.
func report(served int, storeDir, profile string) error {
	runtime.GC()
	debug.FreeOSMemory()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	mem, err := procstat.ReadMemory(os.Getpid())
	if err != nil {
		return err
	}
	f, err := os.Create(profile)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		return err
	}
	fmt.Printf("%8d %10d %10d %10d %10d %8d %10d\n", served, ms.HeapInuse/1024, outsideGo(ms, mem)/1024, mem.PSS, mem.RSS,
		openDBs(storeDir), runtime.NumGoroutine())
	return nil
}

// outsideGo estimates the bytes resident outside the Go runtime's own
// memory (sqlite's C heap under modernc.org/libc, mapped files): RSS less
// what the runtime holds from the OS and has not returned.
func outsideGo(ms runtime.MemStats, mem procstat.Memory) int64 {
	return int64(mem.RSS)*1024 - int64(ms.Sys-ms.HeapReleased)
}

// openDBs counts the distinct account databases below storeDir this
// process holds open.
func openDBs(storeDir string) int {
	fds, _ := os.ReadDir("/proc/self/fd")
	seen := map[string]bool{}
	for _, fd := range fds {
		if l, err := os.Readlink("/proc/self/fd/" + fd.Name()); err == nil && strings.HasPrefix(l, storeDir) && strings.HasSuffix(l, "/corvus.db") {
			seen[l] = true
		}
	}
	return len(seen)
}

// parsePoints reads -checkpoints.
func parsePoints(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 0 || (len(out) > 0 && n < out[len(out)-1]) {
			return nil, fmt.Errorf("-checkpoints: %q", s)
		}
		out = append(out, n)
	}
	return out, nil
}
