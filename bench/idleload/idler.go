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

// idler is one raw IMAP connection idling on its user's INBOX: commands
// are written as text and responses read line by line, so no client
// library's scheduling sits between the server's write and the
// timestamp.
type idler struct {
	user     int
	c        net.Conn
	br       *bufio.Reader
	selected uint32 // EXISTS as SELECT reported it
	// events carries every EXISTS read while idling, in order; it is
	// closed when the connection fails or is closed.
	events chan existsEvent
	done   chan struct{}
	once   sync.Once
	wg     sync.WaitGroup
}

// dialIdler logs user in, selects INBOX and starts IDLE (RFC 2177),
// then reads the connection in the background.
func dialIdler(addr string, user int, name, pass string) (*idler, error) {
	c, err := net.DialTimeout("tcp", addr, ioTimeout)
	if err != nil {
		return nil, fmt.Errorf("connect to imapd at %s: %w", addr, err)
	}
	s := &idler{user: user, c: c, br: bufio.NewReader(c), events: make(chan existsEvent, 16), done: make(chan struct{})}
	if err := s.start(name, pass); err != nil {
		c.Close()
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	s.wg.Add(1)
	go s.read()
	return s, nil
}

// start runs the session up to IDLE's continuation request.
func (s *idler) start(name, pass string) error {
	s.c.SetDeadline(time.Now().Add(ioTimeout))
	greeting, err := wireline.Read(s.br, maxLine)
	if err != nil {
		return fmt.Errorf("greeting: %w", err)
	}
	if !strings.HasPrefix(greeting, "* OK") {
		return fmt.Errorf("greeting %q", wireline.Short(greeting))
	}
	if _, err := s.command("a", fmt.Sprintf("LOGIN %q %q", name, pass)); err != nil {
		return err
	}
	untagged, err := s.command("b", "SELECT INBOX")
	if err != nil {
		return err
	}
	found := false
	for _, l := range untagged {
		if n, ok := parseExists(l); ok {
			s.selected, found = n, true
		}
	}
	if !found {
		return fmt.Errorf("SELECT INBOX: no EXISTS") // RFC 9051 §6.3.2: required
	}
	if err := s.write("c IDLE"); err != nil {
		return err
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

// write sends one command line.
func (s *idler) write(line string) error {
	if _, err := s.c.Write([]byte(line + "\r\n")); err != nil {
		return fmt.Errorf("send %s: %w", verb(line), err)
	}
	return nil
}

// command sends "tag cmd" and returns the untagged lines before its
// tagged reply, which must be OK. The benchmark's commands draw no
// literals from the server.
func (s *idler) command(tag, cmd string) ([]string, error) {
	if err := s.write(tag + " " + cmd); err != nil {
		return nil, err
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

// read timestamps every EXISTS as soon as its line is read and passes it
// on; it ends when the connection does.
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

// close drops the connection (imapd ends the session on EOF) and waits
// for the reader.
func (s *idler) close() {
	s.once.Do(func() {
		close(s.done)
		s.c.Close()
		s.wg.Wait()
	})
}

// verb is a command's first word, for error messages.
func verb(command string) string {
	v, _, _ := strings.Cut(command, " ")
	return v
}
