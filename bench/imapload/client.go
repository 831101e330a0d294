package main

import (
	"bufio"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/corvusmail/corvus/bench/wireline"
)

// ioTimeout bounds every read and write, so a stuck server fails the run
// instead of hanging it.
const ioTimeout = 30 * time.Second

// conn is a raw IMAP connection: commands are written as text and replies
// read with readReply, so no client library's cost is in the timings.
type conn struct {
	c   net.Conn
	br  *bufio.Reader
	bw  *bufio.Writer
	seq int
}

// dial connects and reads the greeting.
func dial(addr string) (*conn, error) {
	c, err := net.DialTimeout("tcp", addr, ioTimeout)
	if err != nil {
		return nil, fmt.Errorf("connect %s: %w", addr, err)
	}
	ic := &conn{c: c, br: bufio.NewReaderSize(c, 64<<10), bw: bufio.NewWriterSize(c, 32<<10)}
	c.SetDeadline(time.Now().Add(ioTimeout))
	line, _, err := readResponse(ic.br)
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("greeting: %w", err)
	}
	if !strings.HasPrefix(line, "* OK") && !strings.HasPrefix(line, "* PREAUTH") {
		c.Close()
		return nil, fmt.Errorf("greeting %q", wireline.Short(line))
	}
	return ic, nil
}

func (ic *conn) close() error { return ic.c.Close() }

func (ic *conn) nextTag() string {
	ic.seq++
	return "a" + strconv.Itoa(ic.seq)
}

// do sends one command and reads its reply; a status other than OK is an
// error.
func (ic *conn) do(command string) (reply, error) {
	tag := ic.nextTag()
	ic.c.SetDeadline(time.Now().Add(ioTimeout))
	ic.bw.WriteString(tag + " " + command + "\r\n")
	if err := ic.bw.Flush(); err != nil {
		return reply{}, fmt.Errorf("send %s: %w", verb(command), err)
	}
	r, err := readReply(ic.br, tag)
	if err != nil {
		return r, fmt.Errorf("%s: %w", verb(command), err)
	}
	if r.status != "OK" {
		return r, fmt.Errorf("%s: %s %s", verb(command), r.status, wireline.Short(r.text))
	}
	return r, nil
}

// appendMsg APPENDs msg to mailbox with a synchronizing literal, as most
// clients send it: one round trip for the "+" and one for the reply.
func (ic *conn) appendMsg(mailbox string, msg []byte) error {
	tag := ic.nextTag()
	ic.c.SetDeadline(time.Now().Add(ioTimeout))
	fmt.Fprintf(ic.bw, "%s APPEND %s {%d}\r\n", tag, mailbox, len(msg))
	if err := ic.bw.Flush(); err != nil {
		return fmt.Errorf("send APPEND: %w", err)
	}
	r, ok, err := readContinue(ic.br, tag)
	if err != nil {
		return fmt.Errorf("APPEND: %w", err)
	}
	if !ok {
		return fmt.Errorf("APPEND refused: %s %s", r.status, wireline.Short(r.text))
	}
	ic.bw.Write(msg)
	ic.bw.WriteString("\r\n")
	if err := ic.bw.Flush(); err != nil {
		return fmt.Errorf("send APPEND literal: %w", err)
	}
	r, err = readReply(ic.br, tag)
	if err != nil {
		return fmt.Errorf("APPEND: %w", err)
	}
	if r.status != "OK" {
		return fmt.Errorf("APPEND: %s %s", r.status, wireline.Short(r.text))
	}
	return nil
}

// login sends LOGIN with quoted user and password (bench names and
// passwords hold no quotes or backslashes).
func (ic *conn) login(user, pass string) error {
	_, err := ic.do(fmt.Sprintf("LOGIN %q %q", user, pass))
	return err
}

// verb is the command's first word, for error messages.
func verb(command string) string {
	v, _, _ := strings.Cut(command, " ")
	return v
}
