package tests

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The layout `make install PREFIX=/usr` promises (Makefile, master(8)).
const (
	instLibexec = "/usr/lib/corvus"
	instMaster  = "/usr/sbin/corvus-master"
	instMan     = "/usr/share/man"
	instSamples = "/usr/share/corvus"
	instEtc     = "/etc"
	instUnit    = "/usr/lib/systemd/system/corvus.service"
)

// TestInstall runs `make install` into a temporary DESTDIR, as a packager
// does, and checks the tree an admin gets: programs, the master link,
// manual pages, sample configs (an existing imapd.conf kept) and the
// systemd unit.
func TestInstall(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every program; skipped with -short")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	dest := t.TempDir()
	// An admin moving from Cyrus already has an imapd.conf: it must survive.
	mine := []byte("# the admin's own file\nconfigdirectory: /var/lib/cyrus\n")
	writeInstFile(t, filepath.Join(dest, instEtc, "imapd.conf"), mine)
	makeInstall(t, root, dest)

	t.Run("programs", func(t *testing.T) { checkPrograms(t, root, dest) })
	t.Run("man", func(t *testing.T) { checkInstalledPages(t, root, dest) })
	t.Run("samples", func(t *testing.T) { checkSamples(t, root, dest, mine) })
	t.Run("unit", func(t *testing.T) { checkUnit(t, dest) })
}

// makeInstall runs make install, bounded: it builds every program.
func makeInstall(t *testing.T, root, dest string) {
	t.Helper()
	if _, err := exec.LookPath("make"); err != nil {
		t.Fatalf("make not found on PATH (apt-get install make): %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "make", "-C", root, "install", "DESTDIR="+dest, "PREFIX=/usr")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("make install: %v\n%s", err, out)
	}
}

// makefilePrograms returns the Makefile's PROGRAMS list.
func makefilePrograms(t *testing.T, root string) []string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(root, "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^PROGRAMS\s*:?=\s*(.+)$`).FindSubmatch(src)
	if m == nil {
		t.Fatal("no PROGRAMS line in the Makefile")
	}
	return strings.Fields(string(m[1]))
}

func checkPrograms(t *testing.T, root, dest string) {
	progs := makefilePrograms(t, root)
	if len(progs) < 5 {
		t.Fatalf("PROGRAMS = %v: too few to be the real list", progs)
	}
	for _, p := range progs {
		st, err := os.Stat(filepath.Join(dest, instLibexec, p))
		if err != nil {
			t.Errorf("program %s not installed: %v", p, err)
			continue
		}
		if !st.Mode().IsRegular() || st.Mode().Perm()&0o111 != 0o111 {
			t.Errorf("%s/%s: mode %v, want an executable file", instLibexec, p, st.Mode())
		}
	}
	// The link points at the installed path, not into DESTDIR: master
	// finds its programs beside the file the link resolves to.
	target, err := os.Readlink(filepath.Join(dest, instMaster))
	if err != nil || target != instLibexec+"/master" {
		t.Errorf("%s -> %q (%v), want %s/master", instMaster, target, err, instLibexec)
	}
}

// checkInstalledPages: every page of man/ lands in its section directory
// unchanged, man finds it there by name, and man -l renders it cleanly.
func checkInstalledPages(t *testing.T, root, dest string) {
	srcs, err := filepath.Glob(filepath.Join(root, "man", "*.[578]"))
	if err != nil || len(srcs) == 0 {
		t.Fatalf("no pages in man/: %v", err)
	}
	mandir := filepath.Join(dest, instMan)
	for _, src := range srcs {
		name := filepath.Base(src)
		sect := name[len(name)-1:]
		inst := filepath.Join(mandir, "man"+sect, name)
		if !sameInstFile(t, src, inst) {
			continue
		}
		found, _ := exec.Command("man", "-M", mandir, "-w", sect, strings.TrimSuffix(name, "."+sect)).Output()
		if strings.TrimSpace(string(found)) != inst {
			t.Errorf("man -M %s -w %s %s = %q, want %s", mandir, sect, name, found, inst)
		}
		var stdout, stderr bytes.Buffer
		cmd := exec.Command("man", "-l", "-P", "cat", inst)
		cmd.Env = append(os.Environ(), "MANWIDTH=80")
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil || stderr.Len() > 0 || stdout.Len() < 200 {
			t.Errorf("man -l %s: %v, %d bytes out\n%s", inst, err, stdout.Len(), stderr.Bytes())
		}
	}
}

// checkSamples: the samples are installed, an existing imapd.conf is kept,
// a missing cyrus.conf is created, and the samples pass master -t with
// no warning when run by the installed master.
func checkSamples(t *testing.T, root, dest string, mine []byte) {
	for _, f := range []string{"imapd.conf", "cyrus.conf"} {
		sameInstFile(t, filepath.Join(root, "conf/samples", f), filepath.Join(dest, instSamples, f))
	}
	sameInstFile(t, filepath.Join(root, "conf/samples/cyrus.conf"), filepath.Join(dest, instEtc, "cyrus.conf"))
	if got, _ := os.ReadFile(filepath.Join(dest, instEtc, "imapd.conf")); !bytes.Equal(got, mine) {
		t.Errorf("make install overwrote an existing %s/imapd.conf:\n%s", instEtc, got)
	}
	master := filepath.Join(dest, instLibexec, "master")
	out, err := exec.Command(master, "-t",
		"-C", filepath.Join(dest, instSamples, "imapd.conf"),
		"-M", filepath.Join(dest, instSamples, "cyrus.conf")).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "master: 0 error(s), 0 warning(s)") {
		t.Errorf("installed master -t on the samples: %v\n%s", err, out)
	}
}

// checkUnit checks the unit's keys, then has systemd-analyze verify it
// where systemd is installed.
func checkUnit(t *testing.T, dest string) {
	path := filepath.Join(dest, instUnit)
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if m := regexp.MustCompile(`@[A-Z]+@`).Find(src); m != nil {
		t.Errorf("%s: placeholder %s left unreplaced", instUnit, m)
	}
	u := parseUnit(string(src))
	pid := u["Service.PIDFile"]
	execStart := u["Service.ExecStart"]
	checks := []struct {
		ok   bool
		what string
	}{
		{u["Unit.Description"] != "", "[Unit] Description"},
		{u["Service.Type"] == "forking", "Type=forking (master -d returns once serving)"},
		{strings.HasPrefix(pid, "/"), "an absolute PIDFile"},
		{strings.HasPrefix(execStart, instLibexec+"/master "), "ExecStart running " + instLibexec + "/master"},
		{strings.Contains(execStart, " -d ") && strings.Contains(execStart, " -p "+pid+" "), "ExecStart with -d and -p PIDFile"},
		{strings.Contains(execStart, "-C /etc/imapd.conf") && strings.Contains(execStart, "-M /etc/cyrus.conf"), "ExecStart naming both config files"},
		{strings.Contains(u["Service.ExecReload"], "-HUP $MAINPID"), "ExecReload sending SIGHUP"},
		{u["Service.User"] == "", "no User= (master must start as root to bind and drop)"},
		{strings.Contains(u["Service.CapabilityBoundingSet"], "CAP_SETUID"), "CAP_SETUID kept for the privilege drop"},
		{u["Install.WantedBy"] != "", "[Install] WantedBy"},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%s: want %s", instUnit, c.what)
		}
	}
	verifyUnit(t, dest, string(src))
}

// parseUnit reads a unit file into "Section.Key" → value (the last one
// wins, as for systemd's single-valued keys).
func parseUnit(src string) map[string]string {
	u := map[string]string{}
	section := ""
	sc := bufio.NewScanner(strings.NewReader(src))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || line[0] == '#' || line[0] == ';':
		case line[0] == '[' && strings.HasSuffix(line, "]"):
			section = line[1 : len(line)-1]
		default:
			if k, v, ok := strings.Cut(line, "="); ok {
				u[section+"."+strings.TrimSpace(k)] = strings.TrimSpace(v)
			}
		}
	}
	return u
}

// verifyUnit runs systemd-analyze verify on a copy of the unit whose
// program paths point into DESTDIR, with MANPATH on the installed pages so
// that Documentation= is checked too. systemd reports bad keys as
// warnings and still exits 0, so any output fails.
func verifyUnit(t *testing.T, dest, src string) {
	if _, err := exec.LookPath("systemd-analyze"); err != nil {
		t.Log("systemd-analyze not installed; only the key checks ran")
		return
	}
	copyPath := filepath.Join(t.TempDir(), "corvus.service")
	writeInstFile(t, copyPath, []byte(strings.ReplaceAll(src, instLibexec+"/", filepath.Join(dest, instLibexec)+"/")))
	cmd := exec.Command("systemd-analyze", "verify", copyPath)
	cmd.Env = append(os.Environ(), "MANPATH="+filepath.Join(dest, instMan))
	out, err := cmd.CombinedOutput()
	if err != nil || len(bytes.TrimSpace(out)) > 0 {
		t.Errorf("systemd-analyze verify %s: %v\n%s", instUnit, err, out)
	}
}

// sameInstFile reports whether installed is a copy of src, failing if not.
func sameInstFile(t *testing.T, src, installed string) bool {
	t.Helper()
	want, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(installed)
	if err != nil {
		t.Errorf("%s not installed: %v", filepath.Base(src), err)
		return false
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s", installed, src)
		return false
	}
	return true
}

func writeInstFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
