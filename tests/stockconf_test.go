package tests

import (
	"crypto/md5"
	"encoding/hex"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/corvusmail/corvus/tests/harness"
)

// Debian's stock files, as the cyrus-common package installs them.
const (
	stockImapd = "/etc/imapd.conf"
	stockCyrus = "/etc/cyrus.conf"
)

// TestDebianStockConfigs is the migration check on the real thing: master
// -t on the imapd.conf and cyrus.conf that Debian's cyrus-common installed
// on this machine exits 0 with warnings only, and every warning names its
// file and line and says what Corvus does instead. tests/config_test.go
// checks copies; this one catches a Debian update that adds a key.
func TestDebianStockConfigs(t *testing.T) {
	for _, f := range []string{stockImapd, stockCyrus} {
		if why := notStock(f); why != "" {
			t.Skipf("%s is not Debian's stock file (%s); install cyrus-common to run this test", f, why)
		}
	}
	out, code := harness.RunMaster(t, "-t", "-C", stockImapd, "-M", stockCyrus)
	if code != 0 {
		t.Fatalf("master -t on the stock files exited %d:\n%s", code, out)
	}
	m := regexp.MustCompile(`(?m)^master: 0 error\(s\), (\d+) warning\(s\)$`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no \"0 error(s)\" summary in:\n%s", out)
	}
	blocks := warningBlocks(out)
	if n, _ := strconv.Atoi(m[1]); n != len(blocks) || n == 0 {
		t.Fatalf("summary counts %s warnings, %d found as file:line:col: warning:\n%s", m[1], len(blocks), out)
	}
	lines := map[string][]string{stockImapd: readLines(t, stockImapd), stockCyrus: readLines(t, stockCyrus)}
	for _, b := range blocks {
		checkStockWarning(t, b, lines[b.file])
	}
}

// stockWarning is one diagnostic as master -t prints it.
type stockWarning struct {
	file string
	line int
	text string // the whole block, blanks collapsed
}

// warningBlocks splits master -t output at its "file:line:col: warning:"
// headings; a block runs to the next heading or the summary.
func warningBlocks(out string) []stockWarning {
	head := regexp.MustCompile(`^(\S+):(\d+):\d+: warning: `)
	var blocks []stockWarning
	for _, l := range strings.Split(out, "\n") {
		if m := head.FindStringSubmatch(l); m != nil {
			n, _ := strconv.Atoi(m[2])
			blocks = append(blocks, stockWarning{file: m[1], line: n})
		}
		if len(blocks) > 0 && !strings.HasPrefix(l, "master: ") {
			b := &blocks[len(blocks)-1]
			b.text += " " + strings.Join(strings.Fields(l), " ")
		}
	}
	return blocks
}

// checkStockWarning: the line named holds the key or entry warned about,
// and the text says what Corvus does in its place, specifically: the
// catch-all note ("goes on as if the line were absent") is not enough for
// a stock file — give the key its own note in conf/imapdconf/instead.go or
// the program in internal/master/programs.go.
func checkStockWarning(t *testing.T, w stockWarning, file []string) {
	t.Helper()
	if file == nil {
		t.Errorf("warning about %s, which is neither stock file: %s", w.file, w.text)
		return
	}
	if w.line < 1 || w.line > len(file) {
		t.Errorf("%s:%d: no such line: %s", w.file, w.line, w.text)
		return
	}
	src := strings.TrimSpace(file[w.line-1])
	if src == "" || src[0] == '#' {
		t.Errorf("%s:%d is blank or a comment, yet warned about: %s", w.file, w.line, w.text)
		return
	}
	name := strings.Fields(src)[0]
	if w.file == stockImapd {
		name, _, _ = strings.Cut(src, ":")
	}
	if !strings.Contains(w.text, `"`+name+`"`) {
		t.Errorf("%s:%d: warning does not name %q: %s", w.file, w.line, name, w.text)
	}
	if !strings.Contains(w.text, "Instead, Corvus") || strings.Contains(w.text, "as if the line were absent") {
		t.Errorf("%s:%d: warning does not say what Corvus does instead of %q: %s", w.file, w.line, name, w.text)
	}
}

// notStock returns why path is not the file cyrus-common shipped ("" when
// it is): not installed by the package, or changed since (its md5 differs
// from the one dpkg recorded for the conffile).
func notStock(path string) string {
	owner, err := exec.Command("dpkg-query", "-S", path).Output()
	if err != nil || !strings.HasPrefix(string(owner), "cyrus-common: ") {
		return "not installed by cyrus-common"
	}
	list, err := exec.Command("dpkg-query", "-W", "-f=${Conffiles}\n", "cyrus-common").Output()
	if err != nil {
		return "dpkg-query: " + err.Error()
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	sum := md5.Sum(data)
	for _, l := range strings.Split(string(list), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == path {
			if f[1] == hex.EncodeToString(sum[:]) {
				return ""
			}
			return "changed since cyrus-common installed it"
		}
	}
	return "not a conffile of cyrus-common"
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(string(data), "\n")
}
