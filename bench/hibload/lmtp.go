package main

import (
	"bufio"
	"fmt"
	"net"
	"time"
)

// ioTimeout bounds every exchange of the set-up and of a delivery, so a
// stuck server fails the run instead of hanging it.
const ioTimeout = 30 * time.Second

// mailDomain is the domain of every address the benchmark uses.
const mailDomain = "hibload.example"

// deliverer is one LMTP connection, kept for the whole case as an MTA
// keeps one: commands go one at a time, without PIPELINING.
type deliverer struct {
	c  net.Conn
	br *bufio.Reader
	bw *bufio.Writer
}

// dialLMTP connects, reads the greeting and sends LHLO.
func dialLMTP(addr string) (*deliverer, error) {
	c, err := net.DialTimeout("tcp", addr, ioTimeout)
	if err != nil {
		return nil, fmt.Errorf("connect to lmtpd at %s: %w", addr, err)
	}
	d := &deliverer{c: c, br: bufio.NewReader(c), bw: bufio.NewWriter(c)}
	c.SetDeadline(time.Now().Add(ioTimeout))
	if r, err := readLMTPReply(d.br); err != nil || r.code != 220 {
		c.Close()
		return nil, fmt.Errorf("lmtpd greeting: %v %v", r, err)
	}
	if err := d.expect("LHLO "+mailDomain, 250); err != nil {
		c.Close()
		return nil, err
	}
	return d, nil
}

// close ends the session politely; the connection goes either way.
func (d *deliverer) close() {
	d.expect("QUIT", 221)
	d.c.Close()
}

// expect sends one command line and wants the reply code want.
func (d *deliverer) expect(line string, want int) error {
	return d.exchange(verb(line), line+"\r\n", want)
}

// exchange sends data (whole lines) and wants the reply code want; what
// names the data in errors.
func (d *deliverer) exchange(what, data string, want int) error {
	d.bw.WriteString(data)
	if err := d.bw.Flush(); err != nil {
		return fmt.Errorf("send %s: %w", what, err)
	}
	r, err := readLMTPReply(d.br)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if r.code != want {
		return fmt.Errorf("%s: %v", what, r)
	}
	return nil
}

// deliver sends one small message to rcpt and returns when its 250 after
// DATA was read (RFC 2033 §4.2: one reply per recipient), the moment
// wake latencies are counted from. msgID keeps duplicate suppression off
// the repeated body.
func (d *deliverer) deliver(rcpt, msgID string) (time.Time, error) {
	d.c.SetDeadline(time.Now().Add(ioTimeout))
	for _, step := range []struct {
		line string
		want int
	}{{"MAIL FROM:<bench@" + mailDomain + ">", 250}, {"RCPT TO:<" + rcpt + ">", 250}, {"DATA", 354}} {
		if err := d.expect(step.line, step.want); err != nil {
			return time.Time{}, err
		}
	}
	msg := "Message-ID: <" + msgID + "@" + mailDomain + ">\r\n" + messageBody + ".\r\n"
	if err := d.exchange("message", msg, 250); err != nil {
		return time.Time{}, fmt.Errorf("delivery to %s: %w", rcpt, err)
	}
	return time.Now(), nil
}

// messageBody is the rest of every message: small, as the wake-up does
// not depend on the size.
const messageBody = "From: bench@" + mailDomain + "\r\n" +
	"To: sleeper@" + mailDomain + "\r\n" +
	"Subject: wake up\r\n" +
	"\r\n" +
	"A message for the hibernated sessions of this INBOX.\r\n"
