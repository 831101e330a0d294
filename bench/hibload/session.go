package main

import (
	"bufio"
	"fmt"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/corvusmail/corvus/bench/wireline"
)

// idleTag is the tag of every session's IDLE; DONE is answered with it.
const idleTag = "i"

// event is one line a session read while idling, and when.
type event struct {
	serverLine
	at time.Time
}

// session is one raw IMAP connection idling on its user's INBOX: commands
// are written as text and responses read line by line, so no client
// library's scheduling sits between the server's write and the
// timestamp. While it idles a goroutine reads it (the benchmark's side
// has no reason to save goroutines; the server's does).
type session struct {
	user     int
	c        net.Conn
	br       *bufio.Reader
	selected uint32 // EXISTS as SELECT reported it
	// events carries the EXISTS, tagged and BYE lines read while idling,
	// in order; it is closed when the connection ends.
	events chan event
	// Counts of what was read while idling, for the sanity checks.
	exists, recent, other atomic.Int64
	done                  chan struct{}
	once                  sync.Once
	wg                    sync.WaitGroup
}

// dialSession logs user in, selects INBOX and starts IDLE (RFC 2177),
// then reads the connection in the background.
func dialSession(addr string, user int, pass string) (*session, error) {
	c, err := net.DialTimeout("tcp", addr, ioTimeout)
	if err != nil {
		return nil, fmt.Errorf("connect to imapd at %s: %w", addr, err)
	}
	s := &session{user: user, c: c, br: bufio.NewReaderSize(c, 1024), events: make(chan event, 64), done: make(chan struct{})}
	if err := s.start(userName(user), pass); err != nil {
		c.Close()
		return nil, fmt.Errorf("%s: %w", userName(user), err)
	}
	s.wg.Add(1)
	go s.read()
	return s, nil
}

// start runs the session up to IDLE's continuation request.
func (s *session) start(name, pass string) error {
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
		if p := parseLine(l); p.kind == lineExists {
			s.selected, found = p.n, true
		}
	}
	if !found {
		return fmt.Errorf("SELECT INBOX: no EXISTS") // RFC 9051 §6.3.2: required
	}
	if err := s.write(idleTag + " IDLE"); err != nil {
		return err
	}
	for {
		l, err := wireline.Read(s.br, maxLine)
		if err != nil {
			return fmt.Errorf("IDLE: %w", err)
		}
		switch parseLine(l).kind {
		case lineCont:
			return s.c.SetDeadline(time.Time{}) // idling has no end but ours
		case lineTagged, lineBye:
			return fmt.Errorf("IDLE: %q", wireline.Short(l))
		}
	}
}

// write sends one command line.
func (s *session) write(line string) error {
	if _, err := s.c.Write([]byte(line + "\r\n")); err != nil {
		return fmt.Errorf("send %s: %w", verb(line), err)
	}
	return nil
}

// command sends "tag cmd" and returns the untagged lines before its
// tagged reply, which must be OK. Used before IDLE only, when no reader
// runs; the benchmark's commands draw no literals from the server.
func (s *session) command(tag, cmd string) ([]string, error) {
	if err := s.write(tag + " " + cmd); err != nil {
		return nil, err
	}
	var untagged []string
	for {
		l, err := wireline.Read(s.br, maxLine)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", verb(cmd), err)
		}
		p := parseLine(l)
		if p.kind != lineTagged || p.tag != tag {
			untagged = append(untagged, l)
			continue
		}
		if p.status != "OK" {
			return nil, fmt.Errorf("%s: %q", verb(cmd), wireline.Short(l))
		}
		return untagged, nil
	}
}

// read timestamps every line as soon as it is read, counts it and passes
// on those the benchmark waits for; it ends with the connection.
func (s *session) read() {
	defer s.wg.Done()
	defer close(s.events)
	for {
		l, err := wireline.Read(s.br, maxLine)
		if err != nil {
			return
		}
		at := time.Now()
		p := parseLine(l)
		switch p.kind {
		case lineExists:
			s.exists.Add(1)
		case lineRecent:
			s.recent.Add(1)
			continue
		case lineTagged, lineBye:
		default:
			s.other.Add(1)
			continue
		}
		select {
		case s.events <- event{serverLine: p, at: at}:
		case <-s.done:
			return
		}
	}
}

// close drops the connection (the server ends the session on EOF) and
// waits for the reader.
func (s *session) close() {
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

// userName is the k-th user's login and local part.
func userName(k int) string { return fmt.Sprintf("sleeper%d", k) }
