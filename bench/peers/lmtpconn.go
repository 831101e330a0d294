package main

import (
	"bufio"
	"fmt"
	"net"
	"time"
)

// lmtpConn is one raw LMTP connection, LHLO sent once, as an MTA keeps
// it.
type lmtpConn struct {
	c  net.Conn
	br *bufio.Reader
	bw *bufio.Writer
}

// dialLMTP connects, reads the greeting and sends LHLO.
func dialLMTP(addr string) (*lmtpConn, error) {
	c, err := net.DialTimeout("tcp", addr, ioTimeout)
	if err != nil {
		return nil, fmt.Errorf("connect %s: %w", addr, err)
	}
	lc := &lmtpConn{c: c, br: bufio.NewReaderSize(c, 16<<10), bw: bufio.NewWriterSize(c, 64<<10)}
	c.SetDeadline(time.Now().Add(ioTimeout))
	if r, err := readLMTPReply(lc.br); err != nil || r.code != 220 {
		c.Close()
		return nil, fmt.Errorf("LMTP greeting from %s: %v %v", addr, r, err)
	}
	if r, err := lc.cmd("LHLO peers.example"); err != nil || r.code != 250 {
		c.Close()
		return nil, fmt.Errorf("LHLO to %s: %v %v", addr, r, err)
	}
	return lc, nil
}

func (lc *lmtpConn) close() error { return lc.c.Close() }

// cmd sends one command line and reads its reply.
func (lc *lmtpConn) cmd(line string) (lmtpReply, error) {
	lc.bw.WriteString(line + "\r\n")
	if err := lc.bw.Flush(); err != nil {
		return lmtpReply{}, fmt.Errorf("send %.4s: %w", line, err)
	}
	r, err := readLMTPReply(lc.br)
	if err != nil {
		return r, fmt.Errorf("%.4s: %w", line, err)
	}
	return r, nil
}

// delivery is the timing of one accepted message.
type delivery struct {
	sent  time.Time // the final dot written
	acked time.Time // its 250 read
}

// deliver sends one message to one recipient: MAIL, RCPT, DATA one at a
// time (no PIPELINING, which not every server offers), the message with
// msgID in front, dot-stuffed body as given. Anything but 250/250/354/250
// is an error.
func (lc *lmtpConn) deliver(rcpt, msgID string, stuffed []byte) (delivery, error) {
	lc.c.SetDeadline(time.Now().Add(ioTimeout))
	for _, step := range []struct {
		line string
		want int
	}{{"MAIL FROM:<bench@peers.example>", 250}, {"RCPT TO:<" + rcpt + ">", 250}, {"DATA", 354}} {
		r, err := lc.cmd(step.line)
		if err != nil {
			return delivery{}, err
		}
		if r.code != step.want {
			lc.cmd("RSET")
			return delivery{}, fmt.Errorf("%.4s for %s: %v", step.line, rcpt, r)
		}
	}
	lc.bw.WriteString("Message-ID: <" + msgID + "@peers.example>\r\n")
	lc.bw.Write(stuffed)
	lc.bw.WriteString(".\r\n")
	if err := lc.bw.Flush(); err != nil {
		return delivery{}, fmt.Errorf("send message: %w", err)
	}
	d := delivery{sent: time.Now()}
	r, err := readLMTPReply(lc.br)
	d.acked = time.Now()
	if err != nil {
		return d, fmt.Errorf("reply after DATA: %w", err)
	}
	if r.code != 250 {
		return d, fmt.Errorf("delivery to %s: %v", rcpt, r)
	}
	return d, nil
}
