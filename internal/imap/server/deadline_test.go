package server

import (
	"context"
	"testing"
	"time"
)

// fakeConn records the read deadlines the pacer sets.
type fakeConn struct{ deadlines []time.Time }

func (f *fakeConn) SetReadDeadline(t time.Time) error {
	f.deadlines = append(f.deadlines, t)
	return nil
}

func (f *fakeConn) last() time.Time { return f.deadlines[len(f.deadlines)-1] }

// fakeClock is a clock tests move by hand.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

var t0 = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

func newFakePacer(ctx context.Context, prelogin, line time.Duration) (*pacer, *fakeConn, *fakeClock) {
	clk := &fakeClock{t: t0}
	conn := &fakeConn{}
	p := &pacer{conn: conn, ctx: ctx, now: clk.now, idle: 30 * time.Minute, prelogin: prelogin, line: line}
	p.notAuthenticated()
	return p, conn, clk
}

// paceStep is one event of a pacer scenario.
type paceStep struct {
	wait     time.Duration // the clock moves first
	do       func(p *pacer)
	deadline time.Duration // then the deadline before a read, from t0
	bound    bound
}

func TestPacerDeadlines(t *testing.T) {
	const s = time.Second
	armed := func(authed bool, buffered int) func(*pacer) {
		return func(p *pacer) { p.arm(authed, buffered) }
	}
	read := func(n int) func(*pacer) { return func(p *pacer) { p.after(n) } }
	lit := func(size int64, buffered int) func(*pacer) { return func(p *pacer) { p.literal(size, buffered) } }
	tests := []struct {
		name           string
		prelogin, line time.Duration
		steps          []paceStep
	}{
		{"autologout between commands", 0, 60 * s, []paceStep{
			{do: armed(true, 0), deadline: 30 * time.Minute, bound: boundIdle},
			{wait: 10 * s, do: read(0), deadline: 30 * time.Minute, bound: boundIdle},
		}},
		{"a line has imap_command_timeout from its first octet", 0, 60 * s, []paceStep{
			{do: armed(true, 0), deadline: 30 * time.Minute, bound: boundIdle},
			{wait: 5 * s, do: read(1), deadline: 65 * s, bound: boundLine},
			{wait: 30 * s, do: read(1), deadline: 65 * s, bound: boundLine},
		}},
		{"a pipelined command starts when it is read", 0, 60 * s, []paceStep{
			{wait: 100 * s, do: armed(true, 10), deadline: 160 * s, bound: boundLine},
		}},
		{"a literal must bring 16 KiB per period", 0, 60 * s, []paceStep{
			{do: armed(true, 0), deadline: 30 * time.Minute, bound: boundIdle},
			{do: read(20), deadline: 60 * s, bound: boundLine},
			{wait: 1 * s, do: lit(1<<20, 0), deadline: 61 * s, bound: boundLiteral},
			{wait: 50 * s, do: read(literalMinProgress - 1), deadline: 61 * s, bound: boundLiteral},
			{wait: 5 * s, do: read(1), deadline: 116 * s, bound: boundLiteral},
		}},
		{"after the literal the rest of the line starts", 0, 60 * s, []paceStep{
			{do: armed(true, 10), deadline: 60 * s, bound: boundLine},
			{do: lit(100, 40), deadline: 60 * s, bound: boundLiteral},
			{wait: 20 * s, do: read(70), deadline: 80 * s, bound: boundLine},
		}},
		{"a literal already buffered changes nothing", 0, 60 * s, []paceStep{
			{do: armed(true, 10), deadline: 60 * s, bound: boundLine},
			{wait: 5 * s, do: lit(100, 100), deadline: 60 * s, bound: boundLine},
		}},
		{"before login, imap_prelogin_timeout caps every bound", 20 * s, 60 * s, []paceStep{
			{do: armed(false, 0), deadline: 20 * s, bound: boundLogin},
			{wait: 15 * s, do: read(1), deadline: 20 * s, bound: boundLogin},
		}},
		{"login lifts the pre-login bound", 20 * s, 60 * s, []paceStep{
			{wait: 10 * s, do: armed(true, 0), deadline: 10*s + 30*time.Minute, bound: boundIdle},
		}},
		{"UNAUTHENTICATE starts it again", 20 * s, 60 * s, []paceStep{
			{do: armed(true, 0), deadline: 30 * time.Minute, bound: boundIdle},
			{wait: 100 * s, do: armed(false, 0), deadline: 120 * s, bound: boundLogin},
		}},
		{"imap_command_timeout 0 is Cyrus's autologout only", 0, 0, []paceStep{
			{do: armed(true, 0), deadline: 30 * time.Minute, bound: boundIdle},
			{wait: 5 * s, do: read(1), deadline: 30 * time.Minute, bound: boundIdle},
			{do: lit(1<<20, 0), deadline: 30 * time.Minute, bound: boundIdle},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, conn, clk := newFakePacer(context.Background(), tt.prelogin, tt.line)
			for i, st := range tt.steps {
				clk.advance(st.wait)
				st.do(p)
				p.before()
				if got, want := conn.last(), t0.Add(st.deadline); !got.Equal(want) || p.limit != st.bound {
					t.Fatalf("step %d: deadline %s (bound %d), want %s (bound %d)",
						i, got.Sub(t0), p.limit, st.deadline, st.bound)
				}
			}
		})
	}
}

// Reads a command makes on its own run with the pacer off: autologout,
// or the rest of the pre-login allowance; the pacer sets nothing more.
func TestPacerDisarm(t *testing.T) {
	p, conn, clk := newFakePacer(context.Background(), 20*time.Second, time.Minute)
	p.arm(false, 5)
	clk.advance(3 * time.Second)
	p.disarm()
	if got := conn.last(); !got.Equal(t0.Add(20 * time.Second)) {
		t.Fatalf("disarmed before login: deadline %s, want the login bound", got.Sub(t0))
	}
	n := len(conn.deadlines)
	p.before()
	p.after(100)
	if len(conn.deadlines) != n || p.phase != phaseOff {
		t.Fatalf("the pacer acted while off: %d deadlines, phase %d", len(conn.deadlines)-n, p.phase)
	}
	p.arm(true, 0)
	p.disarm()
	if got := conn.last(); !got.Equal(clk.now().Add(30 * time.Minute)) {
		t.Fatalf("disarmed after login: deadline %s, want autologout", got.Sub(t0))
	}
}

// A cancelled context keeps the deadline in the past whatever the phase
// wants, so a shutdown is never undone by a fresh deadline.
func TestPacerKeepsShutdown(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	p, conn, _ := newFakePacer(ctx, 0, time.Minute)
	cancel()
	p.arm(true, 0)
	p.before()
	if got := conn.last(); !got.Before(t0) {
		t.Fatalf("deadline %s after cancel, want one in the past", got)
	}
}

func TestPacerReason(t *testing.T) {
	p := &pacer{prelogin: time.Minute, line: 2 * time.Second}
	for _, tt := range []struct {
		b    bound
		want string
	}{
		{boundIdle, "Autologout; idle for too long"},
		{boundLogin, "Autologout; no login within 1m0s"},
		{boundLine, "Command line not complete within 2s"},
		{boundLiteral, "Literal data too slow"},
	} {
		p.limit = tt.b
		if got := p.reason(); got != tt.want {
			t.Errorf("bound %d: %q, want %q", tt.b, got, tt.want)
		}
	}
}

// FuzzPacer drives the pacer with arbitrary events: it never panics, no
// deadline is past the pre-login allowance, and a line or literal never
// has more than imap_command_timeout from now.
func FuzzPacer(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5})
	f.Add([]byte{1, 0x41, 3, 0xff, 2, 0x10, 5, 0})
	f.Add([]byte{0, 0, 0, 4, 4, 4, 1, 1})
	f.Fuzz(func(t *testing.T, ev []byte) {
		p, _, clk := newFakePacer(context.Background(), 20*time.Second, time.Minute)
		for i := 0; i+1 < len(ev); i += 2 {
			arg := int(ev[i+1])
			clk.advance(time.Duration(arg) * 100 * time.Millisecond)
			switch ev[i] % 5 {
			case 0:
				p.arm(arg%2 == 0, arg%3)
			case 1:
				p.after(arg * 97)
			case 2:
				p.literal(int64(arg)*1000, arg%5)
			case 3:
				p.disarm()
			case 4:
				p.before()
			}
			if p.phase == phaseOff {
				continue
			}
			d, _ := p.deadline()
			if !p.loginBy.IsZero() && d.After(p.loginBy) {
				t.Fatalf("deadline %s past the login bound %s", d, p.loginBy)
			}
			if (p.phase == phaseLine || p.phase == phaseLiteral) && d.After(clk.now().Add(p.line)) {
				t.Fatalf("phase %d: deadline %s more than %s away", p.phase, d.Sub(clk.now()), p.line)
			}
		}
	})
}
