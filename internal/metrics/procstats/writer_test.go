package procstats

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"
)

func TestWriterCounts(t *testing.T) {
	dir := t.TempDir()
	w, err := Create(dir, 4242)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if w.Path() != filepath.Join(dir, "4242") {
		t.Errorf("path %s", w.Path())
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 1000 {
				w.Add(LoginsOK, 1)
			}
		})
	}
	w.Set(HibernatedSessions, 17)
	w.Add(NumSlots, 1) // out of range: ignored
	w.Add(-1, 1)
	w.ObserveFsync(3 * time.Millisecond)
	w.ObserveFsync(time.Hour)
	wg.Wait()
	v, err := Read(w.Path())
	if err != nil {
		t.Fatal(err)
	}
	want := map[Slot]uint64{
		LoginsOK: 8000, HibernatedSessions: 17, FsyncCount: 2,
		FsyncNanos:      uint64(3*time.Millisecond + time.Hour),
		FsyncBucket + 3: 1, // 3 ms is in the ≤5 ms bucket
	}
	for s, n := range want {
		if v[s] != n {
			t.Errorf("slot %d = %d, want %d", s, v[s], n)
		}
	}
	var buckets uint64
	for i := range FsyncBounds {
		buckets += v[FsyncBucket+Slot(i)]
	}
	if buckets != 1 {
		t.Errorf("%d fsyncs in buckets, want 1 (an hour is above every bound)", buckets)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("directory holds %d entries, want just the stats file", len(ents))
	}
}

// TestCreateReplaces: a file left by an earlier process with the same pid
// is replaced, not added to, and readers of the old one are unharmed.
func TestCreateReplaces(t *testing.T) {
	dir := t.TempDir()
	old, err := Create(dir, 7)
	if err != nil {
		t.Fatal(err)
	}
	old.Add(LoginsFailed, 5)
	w, err := Create(dir, 7)
	if err != nil {
		t.Fatal(err)
	}
	old.Add(LoginsFailed, 1) // the old mapping is of the replaced file
	old.Close()
	w.Add(LoginsFailed, 2)
	v, err := Read(filepath.Join(dir, "7"))
	if err != nil || v[LoginsFailed] != 2 {
		t.Fatalf("LoginsFailed = %d, %v; want 2", v[LoginsFailed], err)
	}
	w.Close()
}

func TestNilWriter(t *testing.T) {
	var w *Writer
	w.Add(LoginsOK, 1)
	w.Set(LoginsOK, 1)
	w.ObserveFsync(time.Second)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestReadRejects(t *testing.T) {
	dir := t.TempDir()
	for name, b := range map[string][]byte{
		"short": []byte("corv"),
		"junk":  []byte("this is not a stats file at all!"),
		"huge":  make([]byte, headerSize+8*maxSlots+8),
	} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, b, 0o600)
		if _, err := Read(p); err == nil {
			t.Errorf("%s: Read accepted it", name)
		}
	}
	if _, err := Read(filepath.Join(dir, "missing")); !os.IsNotExist(err) {
		t.Errorf("missing file: %v, want not-exist", err)
	}
}

func TestFsyncBucket(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want Slot
		ok   bool
	}{
		{0, FsyncBucket, true},
		{500 * time.Microsecond, FsyncBucket, true},
		{501 * time.Microsecond, FsyncBucket + 1, true},
		{time.Second, FsyncBucket + 10, true},
		{2500 * time.Millisecond, FsyncBucket + 11, true},
		{3 * time.Second, 0, false},
	}
	for _, tt := range tests {
		got, ok := fsyncBucket(tt.d)
		if got != tt.want || ok != tt.ok {
			t.Errorf("fsyncBucket(%v) = %d, %v; want %d, %v", tt.d, got, ok, tt.want, tt.ok)
		}
	}
}

// TestProcessFile runs this test binary again as a "worker" with EnvDir
// set: its first count creates the file named after its pid.
func TestProcessFile(t *testing.T) {
	if os.Getenv("PROCSTATS_HELPER") == "1" {
		Inc(LoginsOK)
		Add(LoginsFailed, 2)
		Set(HibernatedSessions, 4)
		ObserveFsync(time.Millisecond)
		if !Enabled() {
			os.Exit(3)
		}
		return
	}
	if Enabled() {
		t.Fatal("enabled without " + EnvDir)
	}
	Inc(LoginsOK) // no directory: nothing happens
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestProcessFile$")
	cmd.Env = append(os.Environ(), "PROCSTATS_HELPER=1", EnvDir+"="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("helper: %v\n%s", err, out)
	}
	v, err := Read(filepath.Join(dir, strconv.Itoa(cmd.Process.Pid)))
	if err != nil {
		t.Fatal(err)
	}
	if v[LoginsOK] != 1 || v[LoginsFailed] != 2 || v[HibernatedSessions] != 4 || v[FsyncCount] != 1 {
		t.Errorf("helper's file: %v", v)
	}
}
