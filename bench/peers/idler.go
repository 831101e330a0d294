package main

import (
	"bufio"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/corvusmail/corvus/bench/wireline"
)

// existsEvent is one "* n EXISTS" an idling session read, and when.
type existsEvent struct {
	n  uint32
	at time.Time
}

// idler is one raw IMAP connection idling on its user's INBOX (RFC
// 2177); a goroutine of its own reads it and timestamps every EXISTS as
// soon as the line is read.
type idler struct {
	user   int    // index of its idle user
	count  uint32 // the last EXISTS seen: SELECT's, then IDLE's
	c      net.Conn
	br     *bufio.Reader
	events chan existsEvent // closed when the connection ends
	done   chan struct{}
	once   sync.Once
	wg     sync.WaitGroup
}

// dialIdler logs name in, selects INBOX, starts IDLE and reads on in the
// background.
func dialIdler(addr string, user int, name string) (*idler, error) {
	c, err := net.DialTimeout("tcp", addr, ioTimeout)
	if err != nil {
		return nil, fmt.Errorf("connect %s: %w", addr, err)
	}
	s := &idler{user: user, c: c, br: bufio.NewReader(c), events: make(chan existsEvent, 64), done: make(chan struct{})}
	if err := s.start(name); err != nil {
		c.Close()
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	s.wg.Add(1)
	go s.read()
	return s, nil
}

// start runs the session up to IDLE's continuation request.
func (s *idler) start(name string) error {
	s.c.SetDeadline(time.Now().Add(ioTimeout))
	if g, err := wireline.Read(s.br, maxLine); err != nil || !strings.HasPrefix(g, "* OK") {
		return fmt.Errorf("greeting %q: %v", wireline.Short(g), err)
	}
	if _, err := s.command("a", fmt.Sprintf("LOGIN %q %q", name, password)); err != nil {
		return err
	}
	untagged, err := s.command("b", "SELECT INBOX")
	if err != nil {
		return err
	}
	found := false
	for _, l := range untagged {
		if n, ok := parseExists(l); ok {
			s.count, found = n, true
		}
	}
	if !found {
		return fmt.Errorf("SELECT INBOX: no EXISTS") // RFC 9051 §6.3.2 requires one
	}
	if _, err := s.c.Write([]byte("c IDLE\r\n")); err != nil {
		return fmt.Errorf("send IDLE: %w", err)
	}
	for {
		l, err := wireline.Read(s.br, maxLine)
		if err != nil {
			return fmt.Errorf("IDLE: %w", err)
		}
		if strings.HasPrefix(l, "+") {
			break
		}
		if !strings.HasPrefix(l, "* ") {
			return fmt.Errorf("IDLE: %q", wireline.Short(l))
		}
	}
	return s.c.SetDeadline(time.Time{}) // idling has no end but ours
}

// command sends "tag cmd" and returns the untagged lines before its
// tagged reply, which must be OK. These commands draw no literals.
func (s *idler) command(tag, cmd string) ([]string, error) {
	if _, err := s.c.Write([]byte(tag + " " + cmd + "\r\n")); err != nil {
		return nil, fmt.Errorf("send %s: %w", verb(cmd), err)
	}
	var untagged []string
	for {
		l, err := wireline.Read(s.br, maxLine)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", verb(cmd), err)
		}
		rest, ok := strings.CutPrefix(l, tag+" ")
		if !ok {
			untagged = append(untagged, l)
			continue
		}
		if !strings.HasPrefix(strings.ToUpper(rest), "OK") {
			return nil, fmt.Errorf("%s: %q", verb(cmd), wireline.Short(l))
		}
		return untagged, nil
	}
}

// read passes on every EXISTS until the connection ends.
func (s *idler) read() {
	defer s.wg.Done()
	defer close(s.events)
	for {
		l, err := wireline.Read(s.br, maxLine)
		if err != nil {
			return
		}
		n, ok := parseExists(l)
		if !ok {
			continue
		}
		select {
		case s.events <- existsEvent{n: n, at: time.Now()}:
		case <-s.done:
			return
		}
	}
}

// close drops the connection (the server ends the session on EOF) and
// waits for the reader.
func (s *idler) close() {
	s.once.Do(func() {
		close(s.done)
		s.c.Close()
		s.wg.Wait()
	})
}
