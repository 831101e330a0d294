package lmtp

import (
	"strings"
	"testing"
	"time"
)

func TestPaceDeadlines(t *testing.T) {
	const s = time.Second
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	type step struct {
		wait     time.Duration
		do       func(p *pace)
		deadline time.Duration // from t0
		limit    pacePhase
	}
	command := func(buffered int) func(*pace) { return func(p *pace) { p.command(buffered) } }
	read := func(n int) func(*pace) { return func(p *pace) { p.read(n) } }
	data := func(p *pace) { p.data() }
	tests := []struct {
		name  string
		line  time.Duration
		steps []step
	}{
		{"waiting for a command: 5 minutes per read", time.Minute, []step{
			{do: command(0), deadline: 5 * time.Minute, limit: paceCommand},
			{wait: 10 * s, do: read(0), deadline: 10*s + 5*time.Minute, limit: paceCommand},
		}},
		{"a line from its first octet", time.Minute, []step{
			{do: command(0), deadline: 5 * time.Minute, limit: paceCommand},
			{wait: 4 * s, do: read(1), deadline: 64 * s, limit: paceLine},
			{wait: 50 * s, do: read(1), deadline: 64 * s, limit: paceLine},
		}},
		{"a pipelined line starts when it is read", time.Minute, []step{
			{wait: 9 * s, do: command(3), deadline: 69 * s, limit: paceLine},
		}},
		{"data must bring 16 KiB per period", time.Minute, []step{
			{do: data, deadline: 60 * s, limit: paceData},
			{wait: 30 * s, do: read(dataMinProgress - 1), deadline: 60 * s, limit: paceData},
			{wait: 20 * s, do: read(1), deadline: 110 * s, limit: paceData},
		}},
		{"lmtp_command_timeout 0: every read has Timeout, as Cyrus", 0, []step{
			{do: data, deadline: 5 * time.Minute, limit: paceCommand},
			{wait: s, do: read(1), deadline: s + 5*time.Minute, limit: paceCommand},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now := t0
			p := &pace{now: func() time.Time { return now }, idle: 5 * time.Minute, line: tt.line}
			for i, st := range tt.steps {
				now = now.Add(st.wait)
				st.do(p)
				if got := p.deadline(); !got.Equal(t0.Add(st.deadline)) || p.limit != st.limit {
					t.Fatalf("step %d: deadline %s (phase %d), want %s (phase %d)", i, got.Sub(t0), p.limit, st.deadline, st.limit)
				}
			}
		})
	}
}

// trickle writes s a few octets at a time, until the server closes.
func (h *harness) trickle(s string, n int, gap time.Duration) {
	for i := 0; i < len(s); i += n {
		if _, err := h.c.Write([]byte(s[i:min(i+n, len(s))])); err != nil {
			return
		}
		time.Sleep(gap)
	}
}

// Over a real socket with a short lmtp_command_timeout: a trickled command
// line, DATA or BDAT chunk gets 421 4.4.2 and the connection ends with
// nothing delivered and nothing spooled; a client within the bounds is
// served.
func TestSlowClients(t *testing.T) {
	const bound = 400 * time.Millisecond
	msg := "Subject: slow\r\n\r\n" + strings.Repeat("body line\r\n", 3000)
	inTx := func(h *harness) {
		h.hello()
		runSteps(t, h, []step{{"MAIL FROM:<a@b>", "250 "}, {"RCPT TO:<x@b>", "250 "}})
	}
	tests := []struct {
		name    string
		setup   func(h *harness)
		trickle string
		n       int // octets per write, one write every bound/4
		want    string
	}{
		{"command line", func(h *harness) { h.expect("220 ") }, "LHLO a.very.slow.example\r\n", 1,
			"421 4.4.2 mx.test Command line timed out"},
		{"DATA", func(h *harness) { inTx(h); h.send("DATA\r\n"); h.expect("354 ") }, msg + ".\r\n", 100,
			"421 4.4.2 mx.test Message data timed out"},
		{"BDAT", func(h *harness) { inTx(h) }, "BDAT 33017 LAST\r\n" + msg, 100,
			"421 4.4.2 mx.test Message data timed out"},
		{"line within the bound", func(h *harness) { h.expect("220 ") }, "NOOP\r\n", 3, "250 "},
		{"DATA at 16 KiB per bound", func(h *harness) { inTx(h); h.send("DATA\r\n"); h.expect("354 ") }, msg + ".\r\n", 16 << 10,
			"250 "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := start(t, func(o *Options) { o.CommandTimeout = bound })
			tt.setup(h)
			start := time.Now()
			done := make(chan struct{})
			go func() { defer close(done); h.trickle(tt.trickle, tt.n, bound/4) }()
			defer func() { h.c.Close(); <-done }()
			h.expect(tt.want)
			t.Logf("%s", time.Since(start).Round(time.Millisecond))
			if !strings.HasPrefix(tt.want, "421") {
				return
			}
			h.wait()
			if d := h.be.deliveries(); len(d) != 0 {
				t.Errorf("delivered: %+v", d)
			}
			h.spoolEmpty()
		})
	}
}
