package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/corvusmail/corvus/bench/wireline"
)

// searchCommand is one timed command of the search measurement.
type searchCommand struct {
	key, text string
}

// searchTimeout bounds one timed command: a body search of 100 000
// messages without an index reads a gigabyte.
const searchTimeout = 10 * time.Minute

// searchCommands are issue 5's commands, with search terms picked from
// the corpus so that each finds something: a sender of middling
// frequency, a subject word, a body word of rank 400 (in a few percent
// of the messages), the second half of the Date span.
func searchCommands(c *corpus) []searchCommand {
	name := strings.Fields(c.people[40])[1] // a surname
	since := corpusStart.Add(corpusSpan / 2).Format("2-Jan-2006")
	return []searchCommand{
		{"sort.date", "UID SORT (DATE) UTF-8 ALL"},
		{"sort.rarrival", "UID SORT (REVERSE ARRIVAL) UTF-8 ALL"},
		{"sort.subject", "UID SORT (SUBJECT) UTF-8 ALL"},
		{"sort.from", "UID SORT (FROM) UTF-8 ALL"},
		{"thread.refs", "UID THREAD REFERENCES UTF-8 ALL"},
		{"thread.subj", "UID THREAD ORDEREDSUBJECT UTF-8 ALL"},
		{"search.from", fmt.Sprintf("UID SEARCH FROM %q", name)},
		{"search.subject", fmt.Sprintf("UID SEARCH SUBJECT %q", c.subject[17])},
		{"search.body", fmt.Sprintf("UID SEARCH BODY %q", c.body[400])},
		{"search.since", "UID SEARCH SINCE " + since},
		{"search.unseen", "UID SEARCH UNSEEN"},
		{"esearch.count", "UID SEARCH RETURN (COUNT) UNSEEN"},
	}
}

// searchSession is one server's connection with the search user's INBOX
// selected, kept for all its timed commands.
type searchSession struct {
	in *instance
	ic *imapConn
}

// openSearch logs in as user and SELECTs INBOX.
func openSearch(in *instance, user string) (*searchSession, error) {
	ic, err := dialIMAP(in.imap.String())
	if err != nil {
		return nil, err
	}
	if err := ic.login(user, password); err != nil {
		ic.close()
		return nil, err
	}
	ic.c.SetDeadline(time.Now().Add(searchTimeout))
	if _, err := ic.doLong("SELECT INBOX"); err != nil {
		ic.close()
		return nil, err
	}
	return &searchSession{in: in, ic: ic}, nil
}

// time runs one command and returns how long it took, command written to
// tagged OK read, and how many results it gave (see resultCount).
func (ss *searchSession) time(cmd searchCommand) (time.Duration, int, error) {
	t0 := time.Now()
	r, err := ss.ic.doLong(cmd.text)
	d := time.Since(t0)
	if err != nil {
		return d, 0, fmt.Errorf("%s: %s: %w", ss.in.name, cmd.text, err)
	}
	return d, resultCount(r.untagged), nil
}

// doLong is do with searchTimeout in place of ioTimeout.
func (ic *imapConn) doLong(command string) (imapReply, error) {
	tag := ic.nextTag()
	ic.c.SetDeadline(time.Now().Add(searchTimeout))
	ic.bw.WriteString(tag + " " + command + "\r\n")
	if err := ic.bw.Flush(); err != nil {
		return imapReply{}, fmt.Errorf("send %s: %w", verb(command), err)
	}
	r, _, err := readIMAPReply(ic.br, tag, false)
	if err != nil {
		return r, err
	}
	if r.status != "OK" {
		return r, fmt.Errorf("%s %s", r.status, wireline.Short(r.text))
	}
	return r, nil
}

// resultCount is the size of a SORT, SEARCH, ESEARCH or THREAD answer:
// numbers listed, ESEARCH's COUNT, or THREAD's top-level threads. The
// table shows it beside the time, so servers that disagree on what a
// command finds are seen to.
func resultCount(untagged []string) int {
	n := 0
	for _, u := range untagged {
		word, rest, _ := strings.Cut(u, " ")
		switch strings.ToUpper(word) {
		case "SEARCH", "SORT":
			n += len(strings.Fields(rest))
		case "ESEARCH":
			f := strings.Fields(rest)
			for i := 0; i+1 < len(f); i++ {
				if strings.EqualFold(f[i], "COUNT") {
					c, _ := strconv.Atoi(f[i+1])
					n += c
				}
			}
		case "THREAD":
			n += topLevelThreads(rest)
		}
	}
	return n
}

// topLevelThreads counts the parenthesized lists at depth 0 of a THREAD
// response's data.
func topLevelThreads(s string) int {
	n, depth := 0, 0
	for i := range len(s) {
		switch s[i] {
		case '(':
			if depth == 0 {
				n++
			}
			depth++
		case ')':
			depth--
		}
	}
	return n
}
