package lmtp

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"
)

// FuzzParseMail checks the MAIL and RCPT argument parsers never panic
// and that an accepted address reads back the same.
func FuzzParseMail(f *testing.F) {
	for _, s := range []string{
		"FROM:<a@b>", "FROM:<>", "FROM: <@r1,@r2:a@b> SIZE=10 BODY=8BITMIME AUTH=x+2B IGNOREQUOTA",
		`FROM:<"a\"b c"@[IPv6:::1]>`, "FROM:<a\xe9@b>", "TO:<u+d@x> IGNOREQUOTA", "TO:<bob>",
		"FROM:<a@b> SIZE=99999999999999999999", "TO:<\"\\", "FROM:<@:>", "FROM:<a@[1.2.3.4]> X=",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, arg string, lax bool) {
		if m, err := parseMail(arg, lax); err == nil && m.from.raw != "" {
			again, err := parseMail("FROM:<"+m.from.raw+">", false)
			if err != nil || again.from != m.from {
				t.Fatalf("%q: %+v reads back as %+v, %v", arg, m.from, again.from, err)
			}
		} else if err != nil && replyOf(err).Code == 0 {
			t.Fatalf("%q: error without a reply: %v", arg, err)
		}
		if r, err := parseRcpt(arg, lax); err == nil {
			again, err := parseRcpt("TO:<"+r.to.raw+">", false)
			if err != nil || again.to != r.to {
				t.Fatalf("%q: %+v reads back as %+v, %v", arg, r.to, again.to, err)
			}
		}
		_, _, _ = parseBdat(arg)
	})
}

// FuzzDataReader runs DATA text through readDot and the filter: readDot
// must agree with the reference, and what the filter passes must obey
// the content rules.
func FuzzDataReader(f *testing.F) {
	for _, s := range []string{
		"S: x\r\n\r\nbody\r\n.\r\n", "..\r\n.\r\n", "a\n.\n.\r\n", "S: \xe9\r\n\r\n\x00\r\n.\r\n",
		"Return-Path: <x>\r\n y\r\nMessage-ID:\r\n\r\n.\r\n", "A: " + strings.Repeat("x", 40) + "\r\n\r\n.\r\n",
		"\r\n.\r\n", ".\r\n", "x\r", "A:\r\r\n.\r\n",
	} {
		f.Add([]byte(s), uint8(0))
		f.Add([]byte(s), uint8(7))
	}
	f.Fuzz(func(t *testing.T, data []byte, flags uint8) {
		var dot bytes.Buffer
		err := readDot(bufio.NewReaderSize(bytes.NewReader(data), 16), &dot)
		want, ok := refDot(string(data))
		if (err == nil) != ok || (ok && dot.String() != want) {
			t.Fatalf("readDot(%q) = %q, %v; reference %q, %v", data, dot.String(), err, want, ok)
		}
		opt := testFilterOptions()
		opt.eightBitMIME, opt.reject8Bit, opt.keep8Bit = flags&1 != 0, flags&2 != 0, flags&4 != 0
		out, flt := runFilter(dot.String(), 1+int(flags>>3), opt)
		if flt.fail == nil {
			checkClean(t, out, opt)
		}
	})
}

// checkClean asserts the filter's output rules.
func checkClean(t *testing.T, out string, opt filterOptions) {
	t.Helper()
	if strings.IndexByte(out, 0) >= 0 {
		t.Fatalf("NUL passed: %q", out)
	}
	if strings.Count(out, "\n") != strings.Count(out, "\r\n") || strings.Count(out, "\r") != strings.Count(out, "\r\n") {
		t.Fatalf("bare CR or LF passed: %q", out)
	}
	header, _, _ := strings.Cut(out, "\r\n\r\n")
	for l := range strings.SplitSeq(header, "\r\n") {
		if len(l) > opt.maxHeaderLine && !strings.HasPrefix(l, "Message-ID: ") {
			t.Fatalf("header line over the limit passed: %q", l)
		}
		if !opt.eightBitMIME && !opt.keep8Bit && strings.ContainsFunc(l, func(r rune) bool { return r > 127 }) {
			t.Fatalf("8-bit header passed: %q", l)
		}
	}
}

// memConn is a net.Conn reading a fixed input and discarding output.
type memConn struct {
	r io.Reader
}

func (c *memConn) Read(p []byte) (int, error)       { return c.r.Read(p) }
func (c *memConn) Write(p []byte) (int, error)      { return len(p), nil }
func (c *memConn) Close() error                     { return nil }
func (c *memConn) LocalAddr() net.Addr              { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 24} }
func (c *memConn) RemoteAddr() net.Addr             { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 5000} }
func (c *memConn) SetDeadline(time.Time) error      { return nil }
func (c *memConn) SetReadDeadline(time.Time) error  { return nil }
func (c *memConn) SetWriteDeadline(time.Time) error { return nil }

// failOnLog fails the test on any log line: the session logs at Error
// level only for our own faults, a recovered panic among them.
type failOnLog struct{ t *testing.T }

func (w failOnLog) Write(p []byte) (int, error) {
	w.t.Fatalf("error logged: %s", p)
	return len(p), nil
}

// FuzzSession feeds whole client conversations to ServeConn: it must
// return normally, whatever arrives.
func FuzzSession(f *testing.F) {
	for _, s := range []string{
		"LHLO x\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\nS: x\r\n\r\nhi\r\n.\r\nQUIT\r\n",
		"LHLO x\r\nMAIL FROM:<a@b> BODY=8BITMIME\r\nRCPT TO:<c@d>\r\nBDAT 3\r\nS:\rBDAT 1 LAST\r\n\n",
		"LHLO x\r\nAUTH PLAIN\r\n*\r\nAUTH PLAIN " + plain("", "alice", "secret") + "\r\nRSET\r\n",
		"LHLO x\r\nMAIL FROM:<a@b> SIZE=5\r\nRCPT TO:<nobody@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n" +
			strings.Repeat("x", 300) + "\r\n.\r\n",
		"BDAT 99999\r\n", "STARTTLS\r\n", "HELO x\r\nVRFY y\r\nHELP\r\nNOOP\r\n",
	} {
		f.Add([]byte(s), uint8(0))
		f.Add([]byte(s), uint8(3))
	}
	spool := f.TempDir()
	authSrv := testAuth(f)
	f.Fuzz(func(t *testing.T, in []byte, flags uint8) {
		be := &fakeBackend{reject: map[string]Reply{"nobody@b": {}}, replies: map[string]Reply{}}
		srv := New(Options{
			ServerName: "mx.test", Backend: be, SpoolDir: spool, MaxMessageSize: 200,
			MaxRecipients: 3, MaxLineLength: 100, MaxHeaderLine: 50, Timeout: time.Second,
			PreAuth: flags&1 != 0, Auth: authSrv, LaxAddresses: flags&2 != 0,
			Reject8Bit: flags&4 != 0, Log: zerolog.New(failOnLog{t}).Level(zerolog.ErrorLevel),
		})
		srv.ServeConn(context.Background(), &memConn{r: bytes.NewReader(in)})
	})
}
