package server

import (
	"bufio"
	"compress/flate"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// deflateConn is the client side of COMPRESS=DEFLATE.
type deflateConn struct {
	fw *flate.Writer
	br *bufio.Reader
}

func (d *deflateConn) cmd(t *testing.T, tag, line string) []string {
	t.Helper()
	fmt.Fprintf(d.fw, "%s %s\r\n", tag, line)
	if err := d.fw.Flush(); err != nil {
		t.Fatal(err)
	}
	var out []string
	for {
		l, err := d.br.ReadString('\n')
		if err != nil {
			t.Fatalf("%s: read: %v (so far %q)", line, err, out)
		}
		l = strings.TrimRight(l, "\r\n")
		out = append(out, l)
		if strings.HasPrefix(l, tag+" ") {
			return out
		}
	}
}

// COMPRESS=DEFLATE (RFC 4978): after the OK both directions are DEFLATE
// streams; a second COMPRESS is refused; telemetry records the protocol
// uncompressed.
func TestCompressDeflate(t *testing.T) {
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
	c.mustOK("COMPRESS DEFLATE")
	fw, _ := flate.NewWriter(c.c, flate.BestSpeed)
	d := &deflateConn{fw: fw, br: bufio.NewReader(flate.NewReader(c.br))}
	c.c.SetReadDeadline(time.Now().Add(10 * time.Second))
	if l := d.cmd(t, "a", "SELECT INBOX"); !strings.HasPrefix(l[len(l)-1], "a OK") || l[0] == "" {
		t.Fatalf("SELECT over DEFLATE: %q", l)
	}
	l := d.cmd(t, "b", "FETCH 1 BODY.PEEK[TEXT]")
	if !strings.Contains(strings.Join(l, "\n"), "needle") {
		t.Errorf("FETCH over DEFLATE: %q", l)
	}
	if l := d.cmd(t, "c", "COMPRESS DEFLATE"); !strings.HasPrefix(l[len(l)-1], "c NO [COMPRESSIONACTIVE]") {
		t.Errorf("second COMPRESS: %q", l)
	}
	d.cmd(t, "z", "LOGOUT")
	var log string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		ents, _ := os.ReadDir(filepath.Join(e.dir, "log", "alice"))
		for _, ent := range ents {
			b, _ := os.ReadFile(filepath.Join(e.dir, "log", "alice", ent.Name()))
			log = string(b)
		}
		if strings.Contains(log, "z LOGOUT") {
			break
		}
	}
	for _, want := range []string{"a SELECT INBOX", "b FETCH 1 BODY.PEEK[TEXT]", "needle", "c NO [COMPRESSIONACTIVE]", "z LOGOUT"} {
		if !strings.Contains(log, want) {
			t.Errorf("telemetry lacks %q (uncompressed):\n%s", want, log)
		}
	}
}
