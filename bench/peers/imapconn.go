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

// ioTimeout bounds every exchange, so a stuck server fails the run
// instead of hanging it.
const ioTimeout = 30 * time.Second

// imapConn is a raw IMAP connection: commands are written as text and
// replies read with readIMAPReply, so no client library's cost or
// scheduling is in the timings.
type imapConn struct {
	c   net.Conn
	br  *bufio.Reader
	bw  *bufio.Writer
	seq int
}

// dialIMAP connects and reads the greeting.
func dialIMAP(addr string) (*imapConn, error) {
	c, err := net.DialTimeout("tcp", addr, ioTimeout)
	if err != nil {
		return nil, fmt.Errorf("connect %s: %w", addr, err)
	}
	ic := &imapConn{c: c, br: bufio.NewReaderSize(c, 64<<10), bw: bufio.NewWriterSize(c, 32<<10)}
	c.SetDeadline(time.Now().Add(ioTimeout))
	line, _, err := readResponse(ic.br)
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("greeting from %s: %w", addr, err)
	}
	if !strings.HasPrefix(line, "* OK") {
		c.Close()
		return nil, fmt.Errorf("greeting from %s: %q", addr, wireline.Short(line))
	}
	return ic, nil
}

func (ic *imapConn) close() error { return ic.c.Close() }

func (ic *imapConn) nextTag() string {
	ic.seq++
	return "p" + strconv.Itoa(ic.seq)
}

// do sends one command and reads its reply; a status other than OK is an
// error.
func (ic *imapConn) do(command string) (imapReply, error) {
	tag := ic.nextTag()
	ic.c.SetDeadline(time.Now().Add(ioTimeout))
	ic.bw.WriteString(tag + " " + command + "\r\n")
	if err := ic.bw.Flush(); err != nil {
		return imapReply{}, fmt.Errorf("send %s: %w", verb(command), err)
	}
	r, _, err := readIMAPReply(ic.br, tag, false)
	if err != nil {
		return r, fmt.Errorf("%s: %w", verb(command), err)
	}
	if r.status != "OK" {
		return r, fmt.Errorf("%s: %s %s", verb(command), r.status, wireline.Short(r.text))
	}
	return r, nil
}

// login sends LOGIN with quoted user and password (the benchmark's names
// and passwords hold no quotes or backslashes).
func (ic *imapConn) login(user, pass string) error {
	_, err := ic.do(fmt.Sprintf("LOGIN %q %q", user, pass))
	return err
}

// appendMsg APPENDs msg to mailbox with a synchronizing literal, as most
// clients send it: one round trip for the "+", one for the reply. Every
// server measured answers the "+" (none is told about LITERAL+ use).
func (ic *imapConn) appendMsg(mailbox string, msg []byte) error {
	tag := ic.nextTag()
	ic.c.SetDeadline(time.Now().Add(ioTimeout))
	fmt.Fprintf(ic.bw, "%s APPEND %s {%d}\r\n", tag, mailbox, len(msg))
	if err := ic.bw.Flush(); err != nil {
		return fmt.Errorf("send APPEND: %w", err)
	}
	r, ok, err := readIMAPReply(ic.br, tag, true)
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
	r, _, err = readIMAPReply(ic.br, tag, false)
	if err != nil {
		return fmt.Errorf("APPEND: %w", err)
	}
	if r.status != "OK" {
		return fmt.Errorf("APPEND: %s %s", r.status, wireline.Short(r.text))
	}
	return nil
}

// verb is a command's first word, for error messages.
func verb(command string) string {
	v, _, _ := strings.Cut(command, " ")
	return v
}
