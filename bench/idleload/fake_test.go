package main

import (
	"bufio"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
)

// fakeIMAP is just enough of an IMAP server for idler: LOGIN (refused
// for "nobody"), SELECT (reporting count messages) and IDLE; push writes "* n EXISTS" to every
// session of a user.
type fakeIMAP struct {
	l     net.Listener
	count uint32
	mu    sync.Mutex
	conns map[string][]net.Conn // by user
	wg    sync.WaitGroup
}

func startFakeIMAP(t *testing.T, count uint32) *fakeIMAP {
	t.Helper()
	l, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeIMAP{l: l, count: count, conns: map[string][]net.Conn{}}
	f.wg.Go(func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			f.wg.Go(func() { f.serve(c) })
		}
	})
	t.Cleanup(func() {
		l.Close()
		f.mu.Lock()
		for _, cs := range f.conns {
			for _, c := range cs {
				c.Close()
			}
		}
		f.mu.Unlock()
		f.wg.Wait()
	})
	return f
}

func (f *fakeIMAP) serve(c net.Conn) {
	br := bufio.NewReader(c)
	fmt.Fprint(c, "* OK fake ready\r\n")
	user := ""
	for {
		l, err := br.ReadString('\n')
		if err != nil {
			c.Close()
			return
		}
		tag, cmd, _ := strings.Cut(strings.TrimRight(l, "\r\n"), " ")
		switch verb(cmd) {
		case "LOGIN":
			user = strings.Trim(strings.Fields(cmd)[1], `"`)
			if user == "nobody" {
				fmt.Fprintf(c, "%s NO [AUTHENTICATIONFAILED] no\r\n", tag)
				continue
			}
			fmt.Fprintf(c, "%s OK [CAPABILITY IMAP4rev1 IDLE] done\r\n", tag)
		case "SELECT":
			fmt.Fprintf(c, "* %d EXISTS\r\n* OK [UIDNEXT 9] next\r\n%s OK [READ-WRITE] done\r\n", f.count, tag)
		case "IDLE":
			f.mu.Lock()
			f.conns[user] = append(f.conns[user], c)
			f.mu.Unlock()
			fmt.Fprint(c, "+ idling\r\n")
		default:
			fmt.Fprintf(c, "%s BAD what\r\n", tag)
		}
	}
}

// push sends "* n EXISTS" (after a FETCH line to be skipped) to user's
// idling sessions.
func (f *fakeIMAP) push(user string, n uint32) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, c := range f.conns[user] {
		fmt.Fprintf(c, "* 1 FETCH (FLAGS (\\Seen))\r\n* %d EXISTS\r\n", n)
	}
}

// fakeLMTP answers LMTP; after a message's final dot it calls onData with
// the recipient's local part, then answers 250.
func startFakeLMTP(t *testing.T, onData func(user string)) string {
	t.Helper()
	l, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		c, err := l.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		br := bufio.NewReader(c)
		fmt.Fprint(c, "220 fake LMTP\r\n")
		rcpt, inData := "", false
		for {
			l, err := br.ReadString('\n')
			if err != nil {
				return
			}
			l = strings.TrimRight(l, "\r\n")
			switch {
			case inData && l == ".":
				inData = false
				onData(rcpt)
				fmt.Fprint(c, "250 2.1.5 delivered\r\n")
			case inData:
			case strings.HasPrefix(l, "LHLO"):
				fmt.Fprint(c, "250-fake\r\n250 PIPELINING\r\n")
			case strings.HasPrefix(l, "RCPT TO:<"):
				rcpt, _, _ = strings.Cut(strings.TrimPrefix(l, "RCPT TO:<"), "@")
				fmt.Fprint(c, "250 ok\r\n")
			case l == "DATA":
				inData = true
				fmt.Fprint(c, "354 go ahead\r\n")
			case l == "QUIT":
				fmt.Fprint(c, "221 bye\r\n")
				return
			default:
				fmt.Fprint(c, "250 ok\r\n")
			}
		}
	})
	t.Cleanup(func() { l.Close(); wg.Wait() })
	return l.Addr().String()
}
