package main

import (
	"strings"
	"testing"
	"time"

	"github.com/corvusmail/corvus/bench/resultsmd"
)

func TestRenderSection(t *testing.T) {
	s, err := parseFlags([]string{"-quick"})
	if err != nil {
		t.Fatal(err)
	}
	r := newResults()
	r.add("Corvus", figures{"lmtp.rate": 100, "storm.p99": 9})
	r.add("Cyrus", figures{"lmtp.rate": 480})
	r.add("Dovecot (hibernating)", figures{"idle.kB": 8.5})
	r.busy = []float64{0.01}
	e := env{versions: map[string]string{"cyrus": "Cyrus IMAP 3.6.1"}, inotify: 16384, setup: []string{"Cyrus: started"}}
	out := renderSection(s, e, r, resultsmd.Machine{CPUs: 2}, time.Unix(0, 0), time.Minute)
	for _, w := range []string{
		sectionHeading + "\n",
		"runs `go run ./bench/peers -quick`",
		"Corvus (version unknown), Cyrus IMAP 3.6.1, Dovecot (version unknown)",
		"| LMTP delivery, messages/s | 100 | 480 | – | 0.21× | ≥ 1.5× best peer | **no** |",
		"| figure | Corvus | Cyrus | Dovecot (hibernating) |",
		"| LMTP messages/s | 100 | 480 | – |",
		"- Cyrus: started\n",
		"- Other load: before each run peers waits",
		"### Targets Corvus misses in this run",
		"- connection storm: accept p99, ms: Corvus 9.00 against target ≤ 2",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("section lacks %q:\n%s", w, out)
		}
	}
	if strings.Contains(out, "Incomplete") {
		t.Error("a complete run called incomplete")
	}
	e.failure = "idle on Corvus: broken pipe"
	out = renderSection(s, e, r, resultsmd.Machine{CPUs: 2}, time.Unix(0, 0), time.Minute)
	if !strings.Contains(out, "- **Incomplete run**: it stopped with: idle on Corvus: broken pipe\n") {
		t.Errorf("an incomplete run not called so:\n%s", out)
	}
}
