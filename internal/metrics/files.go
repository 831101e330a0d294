package metrics

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sys/unix"

	"github.com/corvusmail/corvus/internal/metrics/procstats"
)

// statsFiles sums the stats files of master's children per service name.
// Counts of processes that exited are kept in retired; a process's file
// is deleted once folded there.
type statsFiles struct {
	dir     string
	mu      sync.Mutex
	pids    map[int]string // live child pid → service or daemon name
	retired map[string]*procstats.Values
}

func newStatsFiles(dir string) *statsFiles {
	return &statsFiles{dir: dir, pids: map[int]string{}, retired: map[string]*procstats.Values{}}
}

// PrepareDir creates the stats directory (owned by uid:gid when chown is
// set, so that workers running as the cyrus user can write there) and
// removes the files an earlier master left: their processes are gone and
// counters restart with master, as Prometheus expects of a new process.
func PrepareDir(dir string, chown bool, uid, gid int) error {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("stats directory: %w", err)
	}
	if chown {
		if err := os.Chown(dir, uid, gid); err != nil {
			return fmt.Errorf("stats directory: %w", err)
		}
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("stats directory: %w", err)
	}
	for _, e := range ents {
		if _, ok := statsPid(e.Name()); ok || strings.HasSuffix(e.Name(), ".tmp") {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
	return nil
}

// statsPid parses a stats file's name, a pid in decimal.
func statsPid(name string) (int, bool) {
	if name == "" || name[0] == '0' || strings.TrimLeft(name, "0123456789") != "" {
		return 0, false
	}
	pid, err := strconv.Atoi(name)
	if err != nil || pid <= 0 {
		return 0, false
	}
	return pid, true
}

func (s *statsFiles) started(pid int, name string) {
	s.mu.Lock()
	s.pids[pid] = name
	s.mu.Unlock()
}

// exited folds a dead child's counts into its service's totals.
func (s *statsFiles) exited(pid int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	name, ok := s.pids[pid]
	if !ok {
		return
	}
	delete(s.pids, pid)
	s.fold(pid, name)
}

// fold moves a dead process's counters to retired, removes its file and
// returns what it held. Called with mu held.
func (s *statsFiles) fold(pid int, name string) procstats.Values {
	path := filepath.Join(s.dir, strconv.Itoa(pid))
	v, err := procstats.Read(path)
	if errors.Is(err, fs.ErrNotExist) {
		return v // it never counted anything
	}
	if err == nil {
		at(s.retired, name).AddCounts(&v)
	}
	os.Remove(path)
	return v
}

// sum returns the totals per name: retired counts plus every live file.
// A file of a pid master does not know (a grandchild that inherited the
// environment) counts under the name ""; once its process is gone it is
// folded like any other.
func (s *statsFiles) sum() map[string]*procstats.Values {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]*procstats.Values{}
	for name, v := range s.retired {
		*at(out, name) = *v
	}
	ents, _ := os.ReadDir(s.dir)
	for _, e := range ents {
		pid, ok := statsPid(e.Name())
		if !ok {
			continue
		}
		name, known := s.pids[pid]
		if !known && unix.Kill(pid, 0) == unix.ESRCH {
			v := s.fold(pid, "")
			at(out, "").AddCounts(&v)
			continue
		}
		v, err := procstats.Read(filepath.Join(s.dir, e.Name()))
		if err != nil {
			continue // gone meanwhile, or not ours
		}
		at(out, name).AddAll(&v)
	}
	return out
}

// at returns m[name], creating it.
func at(m map[string]*procstats.Values, name string) *procstats.Values {
	v := m[name]
	if v == nil {
		v = &procstats.Values{}
		m[name] = v
	}
	return v
}
