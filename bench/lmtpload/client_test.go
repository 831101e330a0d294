package main

import (
	"bufio"
	"bytes"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/corvusmail/corvus/bench/wireline"
)

// fakeLMTP is a scripted LMTP server on one end of a net.Pipe: it answers
// RCPT by address (250 unless told), DATA with dataReply and the final dot
// with one line of after per accepted recipient, and records what it got.
type fakeLMTP struct {
	rcpt      map[string]string
	dataReply string
	after     []string
	cmds      []string
	msg       []byte // the last message, unstuffed
}

func (f *fakeLMTP) serve(c net.Conn) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	br := bufio.NewReader(c)
	say := func(lines ...string) {
		for _, l := range lines {
			c.Write([]byte(l + "\r\n"))
		}
	}
	say("220 fake LMTP")
	accepted := 0
	for {
		line, err := wireline.Read(br, maxLine)
		if err != nil {
			return
		}
		f.cmds = append(f.cmds, line)
		verb, arg, _ := strings.Cut(line, " ")
		switch verb {
		case "LHLO":
			say("250-fake", "250 PIPELINING")
		case "MAIL", "RSET":
			accepted = 0
			say("250 2.0.0 Ok")
		case "RCPT":
			r, ok := f.rcpt[strings.Trim(strings.TrimPrefix(arg, "TO:"), "<>")]
			if !ok {
				r = "250 2.1.5 Ok"
			}
			if strings.HasPrefix(r, "250") {
				accepted++
			}
			say(r)
		case "DATA":
			say(f.dataReply)
			if !strings.HasPrefix(f.dataReply, "354") {
				continue
			}
			var raw []byte
			for {
				l, err := br.ReadBytes('\n')
				if err != nil {
					return
				}
				if string(l) == ".\r\n" {
					break
				}
				raw = append(raw, l...)
			}
			f.msg = unstuff(raw)
			n := min(accepted, len(f.after))
			say(f.after[:n]...)
			if n < accepted {
				return // hang up instead of the missing replies
			}
		case "QUIT":
			say("221 2.0.0 Bye")
			return
		}
	}
}

// startFake returns a sender connected to f, and a channel closed when f
// has finished.
func startFake(t *testing.T, f *fakeLMTP) (*sender, chan struct{}) {
	t.Helper()
	cli, srv := net.Pipe()
	done := make(chan struct{})
	go func() { f.serve(srv); close(done) }()
	s, err := newSender(cli)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cli.Close()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("fake server did not stop")
		}
	})
	return s, done
}

func TestSend(t *testing.T) {
	body := stuff([]byte("Subject: x\r\n\r\n.leading dot\r\nend\r\n"))
	rcpts := []string{"a@x", "b@x", "c@x"}
	tests := []struct {
		name      string
		f         fakeLMTP
		delivered int
		failed    int
		refusal   string
		wantCmds  []string // the commands after LHLO
		wantMsg   bool
	}{
		{
			name:      "all delivered",
			f:         fakeLMTP{dataReply: "354 go", after: []string{"250 2.1.5 Ok", "250 2.1.5 Ok", "250 2.1.5 Ok"}},
			delivered: 3,
			wantCmds:  []string{"MAIL FROM:<bench@lmtpload.example>", "RCPT TO:<a@x>", "RCPT TO:<b@x>", "RCPT TO:<c@x>", "DATA"},
			wantMsg:   true,
		},
		{
			name:      "one refused at RCPT, one after DATA",
			f:         fakeLMTP{rcpt: map[string]string{"b@x": "550 5.1.1 User unknown"}, dataReply: "354 go", after: []string{"250 2.1.5 Ok", "452 4.2.2 Over quota"}},
			delivered: 1, failed: 2, refusal: "550 5.1.1 User unknown",
			wantCmds: []string{"MAIL FROM:<bench@lmtpload.example>", "RCPT TO:<a@x>", "RCPT TO:<b@x>", "RCPT TO:<c@x>", "DATA"},
			wantMsg:  true,
		},
		{
			name:   "every recipient refused: RSET, no DATA",
			f:      fakeLMTP{rcpt: map[string]string{"a@x": "550 5.1.1 no", "b@x": "550 5.1.1 no", "c@x": "550 5.1.1 no"}},
			failed: 3, refusal: "550 5.1.1 no",
			wantCmds: []string{"MAIL FROM:<bench@lmtpload.example>", "RCPT TO:<a@x>", "RCPT TO:<b@x>", "RCPT TO:<c@x>", "RSET"},
		},
		{
			name:   "DATA refused: RSET",
			f:      fakeLMTP{dataReply: "451 4.3.0 System I/O error"},
			failed: 3, refusal: "451 4.3.0 System I/O error",
			wantCmds: []string{"MAIL FROM:<bench@lmtpload.example>", "RCPT TO:<a@x>", "RCPT TO:<b@x>", "RCPT TO:<c@x>", "DATA", "RSET"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.f
			s, _ := startFake(t, &f)
			o, err := s.send("m1", body, rcpts)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.cmd("QUIT"); err != nil {
				t.Fatal(err)
			}
			if o.delivered != tt.delivered || o.failed != tt.failed || o.refusal != tt.refusal {
				t.Errorf("outcome %+v; want %d delivered, %d failed, refusal %q", o, tt.delivered, tt.failed, tt.refusal)
			}
			if got := f.cmds[1 : len(f.cmds)-1]; !slices.Equal(got, tt.wantCmds) {
				t.Errorf("server got %q, want %q", got, tt.wantCmds)
			}
			want := "Message-ID: <m1@lmtpload.example>\r\nSubject: x\r\n\r\n.leading dot\r\nend\r\n"
			if tt.wantMsg && !bytes.Equal(f.msg, []byte(want)) {
				t.Errorf("server received %q, want %q", f.msg, want)
			}
			if tt.wantMsg && (o.wait <= 0 || o.whole < o.wait) {
				t.Errorf("times: wait %v, whole %v", o.wait, o.whole)
			}
		})
	}
}

func TestSendServerGone(t *testing.T) {
	f := fakeLMTP{dataReply: "354 go", after: []string{"250 2.1.5 Ok"}} // hangs up before the second reply
	s, done := startFake(t, &f)
	o, err := s.send("m2", []byte("x\r\n"), []string{"a@x", "b@x"})
	if err == nil {
		t.Fatalf("send = %+v, nil; want an error when the server hangs up after DATA", o)
	}
	<-done
}
