package main

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/corvusmail/corvus/bench/wireline"
)

// Filling the search mailbox: MULTIAPPEND (RFC 3502) of fillBatch
// messages per command over fillConns connections, so a server commits
// (and fsyncs) once per batch rather than once per message, the fastest
// path into all three that keeps each message's flags and internal date.
const (
	fillConns = 4
	fillBatch = 50
	// fillTimeout bounds one server's whole fill.
	fillTimeout = 45 * time.Minute
)

// fillMailbox APPENDs the corpus to user's INBOX and returns how many
// messages it then holds.
func fillMailbox(ctx context.Context, in *instance, user string, c *corpus) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, fillTimeout)
	defer cancel()
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, fillConns)
	for range fillConns {
		wg.Go(func() {
			if err := fillConn(ctx, in, user, c, &next); err != nil {
				errs <- err
				cancel()
			}
		})
	}
	wg.Wait()
	select {
	case err := <-errs:
		return 0, fmt.Errorf("%s: fill: %w", in.name, err)
	default:
	}
	if err := ctx.Err(); err != nil {
		return 0, fmt.Errorf("%s: fill: %w", in.name, err)
	}
	uids, err := mailboxUIDs(in, user)
	return len(uids), err
}

// fillConn takes batches of message numbers from next until the corpus
// is used up.
func fillConn(ctx context.Context, in *instance, user string, c *corpus, next *atomic.Int64) error {
	ic, err := dialIMAP(in.imap.String())
	if err != nil {
		return err
	}
	defer ic.close()
	if err := ic.login(user, password); err != nil {
		return err
	}
	for ctx.Err() == nil {
		from := int(next.Add(fillBatch)) - fillBatch
		if from >= c.n {
			return nil
		}
		batch := make([]corpusMsg, 0, fillBatch)
		for i := from; i < min(from+fillBatch, c.n); i++ {
			batch = append(batch, c.message(i))
		}
		if err := ic.multiAppend("INBOX", batch); err != nil {
			return fmt.Errorf("messages %d…%d: %w", from, from+len(batch)-1, err)
		}
	}
	return ctx.Err()
}

// multiAppend sends one APPEND of several messages, each with its flags
// and internal date, with synchronizing literals: every server measured
// takes them, and the round trip per "+" is small next to the write.
func (ic *imapConn) multiAppend(mailbox string, msgs []corpusMsg) error {
	tag := ic.nextTag()
	ic.c.SetDeadline(time.Now().Add(ioTimeout))
	fmt.Fprintf(ic.bw, "%s APPEND %s", tag, mailbox)
	for i, m := range msgs {
		fmt.Fprintf(ic.bw, " %s %q {%d}\r\n", m.flags, m.internal.Format("_2-Jan-2006 15:04:05 -0700"), len(m.raw))
		if err := ic.bw.Flush(); err != nil {
			return fmt.Errorf("send APPEND: %w", err)
		}
		r, ok, err := readIMAPReply(ic.br, tag, true)
		if err != nil {
			return fmt.Errorf("APPEND message %d of %d: %w", i+1, len(msgs), err)
		}
		if !ok {
			return fmt.Errorf("APPEND refused: %s %s", r.status, wireline.Short(r.text))
		}
		ic.bw.Write(m.raw)
	}
	ic.bw.WriteString("\r\n")
	if err := ic.bw.Flush(); err != nil {
		return fmt.Errorf("send APPEND: %w", err)
	}
	ic.c.SetDeadline(time.Now().Add(ioTimeout))
	r, _, err := readIMAPReply(ic.br, tag, false)
	if err != nil {
		return fmt.Errorf("APPEND: %w", err)
	}
	if r.status != "OK" {
		return fmt.Errorf("APPEND: %s %s", r.status, wireline.Short(r.text))
	}
	return nil
}
