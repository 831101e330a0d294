package server

import (
	"bufio"
	"compress/flate"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/corvusmail/corvus/internal/imap/sessionstate"
)

// syncFlusher is Go's way to compress a client's commands: each flush
// ends with an empty stored block.
type syncFlusher struct{ fw *flate.Writer }

func (s syncFlusher) send(p []byte) error {
	if _, err := s.fw.Write(p); err != nil {
		return err
	}
	return s.fw.Flush()
}

// partialFlusher frames commands as zlib's Z_PARTIAL_FLUSH does (mbsync):
// each is a fixed-Huffman block of literals followed by an empty
// fixed-Huffman block, and only whole bytes are sent, so the last bits
// of the empty block wait for the next command. compress/flate's reader
// does not hand such a command out until more input arrives.
type partialFlusher struct {
	w   io.Writer
	acc uint64
	n   uint
}

func (p *partialFlusher) code(c uint32, n uint) {
	for i := int(n) - 1; i >= 0; i-- { // Huffman codes go MSB first
		p.acc |= uint64(c>>uint(i)&1) << p.n
		p.n++
	}
}

func (p *partialFlusher) send(b []byte) error {
	var out []byte
	p.code(0b010, 3) // BFINAL 0, BTYPE 01 (fixed), LSB first
	for _, c := range b {
		if c < 144 {
			p.code(0x30+uint32(c), 8)
		} else {
			p.code(0x190+uint32(c)-144, 9)
		}
		for p.n >= 8 {
			out = append(out, byte(p.acc))
			p.acc >>= 8
			p.n -= 8
		}
	}
	p.code(0, 7)     // end of block
	p.code(0b010, 3) // the empty fixed block of the partial flush
	p.code(0, 7)
	for p.n >= 8 {
		out = append(out, byte(p.acc))
		p.acc >>= 8
		p.n -= 8
	}
	_, err := p.w.Write(out)
	return err
}

// deflateConn is the client side of COMPRESS=DEFLATE.
type deflateConn struct {
	send func([]byte) error
	br   *bufio.Reader
}

// startDeflate turns on COMPRESS=DEFLATE for c, the client compressing
// with partial flushes or sync flushes.
func startDeflate(t *testing.T, c *client, partial bool) *deflateConn {
	t.Helper()
	c.mustOK("COMPRESS DEFLATE")
	d := &deflateConn{br: bufio.NewReader(flate.NewReader(c.br))}
	if partial {
		d.send = (&partialFlusher{w: c.c}).send
	} else {
		fw, _ := flate.NewWriter(c.c, flate.BestSpeed)
		d.send = syncFlusher{fw}.send
	}
	c.c.SetReadDeadline(time.Now().Add(10 * time.Second))
	return d
}

// cmd sends lines (the last one tagged tag) in one flush and returns the
// responses up to tag's.
func (d *deflateConn) cmd(t *testing.T, tag string, lines ...string) []string {
	t.Helper()
	if err := d.send([]byte(strings.Join(lines, "\r\n") + "\r\n")); err != nil {
		t.Fatal(err)
	}
	return d.until(t, tag)
}

func (d *deflateConn) until(t *testing.T, tag string) []string {
	t.Helper()
	var out []string
	for {
		l, err := d.br.ReadString('\n')
		if err != nil {
			t.Fatalf("read: %v (so far %q)", err, out)
		}
		l = strings.TrimRight(l, "\r\n")
		out = append(out, l)
		if strings.HasPrefix(l, tag+" ") || tag == "+" && strings.HasPrefix(l, "+ ") {
			return out
		}
	}
}

func last(l []string) string { return l[len(l)-1] }

// COMPRESS=DEFLATE (RFC 4978): after the OK both directions are DEFLATE
// streams, whether the client ends each command with a sync flush (Go,
// Python's Z_SYNC_FLUSH) or a partial flush (mbsync); a second COMPRESS is
// refused; telemetry records the protocol uncompressed.
func TestCompressDeflate(t *testing.T) {
	for _, partial := range []bool{false, true} {
		t.Run(fmt.Sprintf("partial=%v", partial), func(t *testing.T) {
			e := newEnv(t, nil)
			if err := os.MkdirAll(filepath.Join(e.dir, "log", "alice"), 0o700); err != nil {
				t.Fatal(err)
			}
			c := e.dial()
			c.login("alice")
			if caps := c.mustOK("CAPABILITY"); !strings.Contains(caps[0], " COMPRESS=DEFLATE") {
				t.Errorf("CAPABILITY lacks COMPRESS=DEFLATE: %q", caps)
			}
			appendMsg(c, "INBOX", testMsg)
			if _, st := c.cmd("COMPRESS GZIP"); !strings.HasPrefix(st, "BAD") {
				t.Errorf("COMPRESS GZIP: %q", st)
			}
			d := startDeflate(t, c, partial)
			if l := d.cmd(t, "a", "a SELECT INBOX"); !strings.HasPrefix(last(l), "a OK") {
				t.Fatalf("SELECT over DEFLATE: %q", l)
			}
			l := d.cmd(t, "b", "b FETCH 1 BODY.PEEK[TEXT]")
			if !strings.Contains(strings.Join(l, "\n"), "needle") {
				t.Errorf("FETCH over DEFLATE: %q", l)
			}
			// A synchronizing literal: the continuation must come back
			// before the client sends the message.
			msg := "Subject: compressed\r\n\r\nsent through DEFLATE\r\n"
			if l := d.cmd(t, "+", fmt.Sprintf("c APPEND INBOX {%d}", len(msg))); !strings.HasPrefix(last(l), "+ ") {
				t.Fatalf("APPEND continuation: %q", l)
			}
			if l := d.cmd(t, "c", msg); !strings.HasPrefix(last(l), "c OK") {
				t.Fatalf("APPEND: %q", l)
			}
			// Two commands in one flush (pipelined).
			if l := d.cmd(t, "e", "d NOOP", "e FETCH 2 BODY.PEEK[HEADER.FIELDS (SUBJECT)]"); !strings.Contains(strings.Join(l, "\n"), "Subject: compressed") {
				t.Errorf("pipelined over DEFLATE: %q", l)
			}
			if l := d.cmd(t, "f", "f COMPRESS DEFLATE"); !strings.HasPrefix(last(l), "f NO [COMPRESSIONACTIVE]") {
				t.Errorf("second COMPRESS: %q", l)
			}
			d.cmd(t, "z", "z LOGOUT")
			log := waitTelemetry(t, filepath.Join(e.dir, "log", "alice"), "z LOGOUT")
			for _, want := range []string{"a SELECT INBOX", "b FETCH 1 BODY.PEEK[TEXT]", "needle", "sent through DEFLATE",
				"f NO [COMPRESSIONACTIVE]", "z LOGOUT"} {
				if !strings.Contains(log, want) {
					t.Errorf("telemetry lacks %q (uncompressed):\n%s", want, log)
				}
			}
		})
	}
}

// waitTelemetry returns the telemetry log in dir once it holds want.
func waitTelemetry(t *testing.T, dir, want string) string {
	t.Helper()
	var log string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		ents, _ := os.ReadDir(dir)
		for _, ent := range ents {
			b, _ := os.ReadFile(filepath.Join(dir, ent.Name()))
			log = string(b)
		}
		if strings.Contains(log, want) {
			break
		}
	}
	return log
}

// A compressed session is not offered for hibernation: its DEFLATE state
// cannot travel with the socket. It still idles and ends with DONE.
func TestCompressedNotHibernated(t *testing.T) {
	var asked atomic.Int32
	e := newEnv(t, func(o *Options) {
		o.HibernateAfter = 50 * time.Millisecond
		o.Hibernate = func(net.Conn, *sessionstate.State) bool { asked.Add(1); return false }
	})
	c := e.dial()
	c.login("alice")
	d := startDeflate(t, c, true)
	d.cmd(t, "a", "a SELECT INBOX")
	if l := d.cmd(t, "+", "i IDLE"); !strings.HasPrefix(last(l), "+ ") {
		t.Fatalf("IDLE: %q", l)
	}
	time.Sleep(300 * time.Millisecond)
	if l := d.cmd(t, "i", "DONE"); !strings.HasPrefix(last(l), "i OK") {
		t.Fatalf("DONE: %q", l)
	}
	if n := asked.Load(); n != 0 {
		t.Fatalf("Hibernate asked %d times for a compressed session", n)
	}
}

// Compressed reports the state the lead's hibernation checks rely on.
func TestCompressedReportsState(t *testing.T) {
	s := &Session{}
	if s.Compressed() || !s.mayHibernate() {
		t.Fatal("a fresh session reports compression or may not hibernate")
	}
	s.deflate = true
	if !s.Compressed() || s.mayHibernate() {
		t.Fatal("a compressed session does not report it or may hibernate")
	}
}
