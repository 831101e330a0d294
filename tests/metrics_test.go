package tests

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/corvusmail/corvus/tests/harness"
)

// scrape fetches /metrics and returns series → value, a series as the
// text format writes it (name{label="value",…}).
func scrape(t *testing.T, url string) map[string]float64 {
	t.Helper()
	c := &http.Client{Timeout: 15 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		t.Fatalf("scrape: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("scrape: %s, %s\n%s", resp.Status, resp.Header.Get("Content-Type"), b)
	}
	out := map[string]float64{}
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if i < 0 || err != nil {
			t.Fatalf("scrape: bad line %q", line)
		}
		out[line[:i]] = v
	}
	return out
}

// waitMetrics scrapes until every series in want has its value, and
// fails with the last scrape's values of them if that takes over d.
func waitMetrics(t *testing.T, url string, d time.Duration, want map[string]float64) map[string]float64 {
	t.Helper()
	var got map[string]float64
	ok := harness.Eventually(d, func() bool {
		got = scrape(t, url)
		for k, v := range want {
			if got[k] != v {
				return false
			}
		}
		return true
	})
	if !ok {
		for k, v := range want {
			if g, present := got[k]; g != v {
				t.Errorf("%s = %v (present %v), want %v", k, g, present, v)
			}
		}
		t.FailNow()
	}
	return got
}

// TestMetrics runs master with prometheus_enabled and checks that the
// endpoint counts what clients did: IMAP logins (one failing), LMTP
// recipients (one unknown), a hibernation and its thaw in idled, workers
// killed behind master's back (their counts survive them) and a daemon
// restart.
func TestMetrics(t *testing.T) {
	dir := harness.NewDir(t)
	thaw := filepath.Join(dir, "socket", "imapthaw")
	lmtp := fmt.Sprintf("127.0.0.1:%d", harness.FreePort(t))
	metricsAddr := fmt.Sprintf("127.0.0.1:%d", harness.FreePort(t))
	url := "http://" + metricsAddr + "/metrics"
	e := startSuiteDaemons(t, dir,
		fmt.Sprintf("  imapthaw cmd=\"imapd -R\" listen=\"%s\" prefork=1\n  lmtp cmd=\"lmtpd -a\" listen=\"%s\" prefork=1\n", thaw, lmtp),
		"  idled cmd=\"idled\"\n",
		"imap_hibernate_timeout: 1\nimap_imapidlepoll: 60\nprometheus_enabled: 1\nprometheus_listen: "+metricsAddr+"\n")
	harness.WaitFor(t, 10*time.Second, "idled's hibernation socket", func() bool {
		_, err := os.Stat(filepath.Join(dir, "socket", "idle.hibernate"))
		return err == nil
	})
	g := waitMetrics(t, url, 20*time.Second, map[string]float64{
		`corvus_daemon_running{daemon="idled"}`:                   1,
		`corvus_service_workers{service="imap",state="ready"}`:    1,
		`corvus_service_workers{service="lmtp",state="ready"}`:    1,
		`corvus_service_workers{service="imapthaw",state="busy"}`: 0,
	})
	if g[`corvus_service_forks_total{service="imap"}`] < 1 || g[`corvus_build_info{version="`+versionLabel(g)+`"}`] != 1 {
		t.Errorf("forks or build info missing: %v", g)
	}

	bad := e.raw(t)
	bad.line()
	bad.send("a LOGIN alice nottherightone")
	if l := bad.until("a"); !strings.HasPrefix(l, "a NO") {
		t.Fatalf("bad login: %q", l)
	}
	c := e.selected(t, "alice", "wonderland")
	out := runLMTP(t, lmtp, []string{"alice", "nobody"}, message("m1", "counted"), "")
	mustContain(t, "LMTP", out, "RCPT nobody 550", "REPLY 250")
	c.send("n NOOP") // takes the new message's EXISTS, which IDLE would send at once
	c.until("n")
	e.waitHibernated(t, c, "i1")
	g = waitMetrics(t, url, 20*time.Second, map[string]float64{
		`corvus_logins_total{result="ok",service="imap"}`:            1,
		`corvus_logins_total{result="failed",service="imap"}`:        1,
		`corvus_deliveries_total{result="delivered",service="lmtp"}`: 1,
		`corvus_deliveries_total{result="permfail",service="lmtp"}`:  1,
		`corvus_deliveries_total{result="tempfail",service="lmtp"}`:  0,
		`corvus_hibernated_sessions{service="idled"}`:                1,
		`corvus_hibernations_total{service="idled"}`:                 1,
	})
	// The delivery wrote and fsynced a message file and its directory.
	if n := g[`corvus_store_fsync_seconds_count{service="lmtp"}`]; n < 2 || g[`corvus_store_fsync_seconds_bucket{service="lmtp",le="+Inf"}`] != n {
		t.Errorf("lmtp fsyncs: count %v, +Inf bucket %v; want at least 2, equal", n, g[`corvus_store_fsync_seconds_bucket{service="lmtp",le="+Inf"}`])
	}
	c.send("DONE")
	if l := c.until("i1"); !strings.HasPrefix(l, "i1 OK") {
		t.Fatalf("DONE after thaw: %q", l)
	}
	g = waitMetrics(t, url, 20*time.Second, map[string]float64{
		`corvus_hibernated_sessions{service="idled"}`:     0,
		`corvus_hibernation_thaws_total{service="idled"}`: 1,
		`corvus_logins_total{result="ok",service="imap"}`: 1, // a thaw is no login
	})
	if n := g[`corvus_service_connections_total{service="imap"}`]; n < 2 {
		t.Errorf("imap connections = %v, want at least 2", n)
	}

	// Kill every imap worker and idled behind master's back: crashes and
	// a restart are counted, and the dead workers' logins stay.
	killed := 0
	for _, p := range e.m.Workers("imap") {
		if syscall.Kill(p.Pid, syscall.SIGKILL) == nil {
			killed++
		}
	}
	for _, p := range e.m.Children() {
		if p.Comm == "idled" {
			syscall.Kill(p.Pid, syscall.SIGKILL)
		}
	}
	g = waitMetrics(t, url, 30*time.Second, map[string]float64{
		`corvus_service_crashes_total{service="imap"}`:        float64(killed),
		`corvus_daemon_crashes_total{daemon="idled"}`:         1,
		`corvus_daemon_restarts_total{daemon="idled"}`:        1,
		`corvus_daemon_running{daemon="idled"}`:               1,
		`corvus_logins_total{result="ok",service="imap"}`:     1,
		`corvus_logins_total{result="failed",service="imap"}`: 1,
		`corvus_hibernation_thaws_total{service="idled"}`:     1,
	})
	if g[`corvus_service_crashes_total{service="lmtp"}`] != 0 {
		t.Errorf("lmtp crashes = %v, want 0", g[`corvus_service_crashes_total{service="lmtp"}`])
	}
	// The dead processes' files were folded and removed.
	ents, _ := os.ReadDir(filepath.Join(dir, "stats"))
	for _, ent := range ents {
		if pid, err := strconv.Atoi(ent.Name()); err == nil && !harness.Alive(pid) {
			t.Errorf("stats file of dead process %d left behind", pid)
		}
	}

	// Only GET /metrics is served.
	resp, err := http.Post(url, "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /metrics: %s", resp.Status)
	}
}

// versionLabel finds the version label of corvus_build_info.
func versionLabel(g map[string]float64) string {
	for k := range g {
		if v, ok := strings.CutPrefix(k, `corvus_build_info{version="`); ok {
			return strings.TrimSuffix(v, `"}`)
		}
	}
	return "missing"
}
