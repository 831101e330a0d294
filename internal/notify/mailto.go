package notify

import (
	"context"
	"fmt"
	"mime"
	"os"
	"strings"
	"sync/atomic"
	"time"
)

// Mailto is the mailto method: it mails the message to the addresses in
// the options through the sendmail program, as Cyrus's notify_mailto:
//
//	sendmail -i -f <> -- address…
//
// with an empty envelope sender, so that the notification cannot bounce
// back into a loop. No shell is involved, the addresses are checked (see
// checkAddress) and "--" ends sendmail's options before them.
type Mailto struct {
	// Sendmail is imapd.conf's sendmail: an absolute path.
	Sendmail string
	// Postmaster is imapd.conf's postmaster, the header From address.
	Postmaster string
	// ServerName is the host part of Message-IDs ("" for the host name).
	ServerName string
	// Timeout bounds the sendmail run.
	Timeout time.Duration

	now   func() time.Time // for tests; nil means time.Now
	count atomic.Int64     // makes Message-IDs unique within the process
}

// Notify mails n to its recipients.
func (m *Mailto) Notify(ctx context.Context, n Notification) error {
	cmd, err := m.command(n)
	if err != nil {
		return err
	}
	return cmd.run(ctx)
}

// command is the sendmail run that mails n.
func (m *Mailto) command(n Notification) (program, error) {
	to, err := recipients(n.Options)
	if err != nil {
		return program{}, err
	}
	path := m.Sendmail
	if path == "" {
		path = "/usr/lib/sendmail" // as Cyrus's default for sendmail
	}
	return program{
		path:    path,
		argv0:   "sendmail", // as Cyrus, whatever the path's base name
		args:    append([]string{"-i", "-f", "<>", "--"}, to...),
		stdin:   m.compose(n, to),
		timeout: timeoutOr(m.Timeout),
	}, nil
}

// compose writes the mail: Cyrus's headers (Message-ID, Date, From "Mail
// Sieve Subsystem", To, Subject "[class] New mail notification", MIME
// headers when the text is 8-bit) plus Auto-Submitted: auto-notified (RFC
// 5436), then the text. Lines end in LF, as sendmail expects on its input.
func (m *Mailto) compose(n Notification, to []string) []byte {
	now := time.Now
	if m.now != nil {
		now = m.now
	}
	t := now()
	var b strings.Builder
	header := func(name, value string) { fmt.Fprintf(&b, "%s: %s\n", name, value) }
	header("Message-ID", fmt.Sprintf("<corvus-notify-%d-%d-%d@%s>",
		os.Getpid(), t.Unix(), m.count.Add(1), m.host()))
	header("Date", t.Format(time.RFC1123Z))
	header("From", "Mail Sieve Subsystem <"+oneLine(m.postmaster())+">")
	header("To", "<"+strings.Join(to, ">, <")+">")
	header("Subject", mime.QEncoding.Encode("utf-8", "["+oneLine(n.Class)+"] New mail notification"))
	header("Auto-Submitted", "auto-notified")
	if has8bit(n.Message) {
		header("MIME-Version", "1.0")
		header("Content-Type", "text/plain; charset=UTF-8")
		header("Content-Transfer-Encoding", "8bit")
	}
	b.WriteString("\n")
	body := strings.ReplaceAll(n.Message, "\r\n", "\n")
	b.WriteString(body)
	if !strings.HasSuffix(body, "\n") {
		b.WriteString("\n")
	}
	return []byte(b.String())
}

func (m *Mailto) postmaster() string {
	if m.Postmaster == "" {
		return "postmaster" // imapd.conf's default
	}
	return m.Postmaster
}

func (m *Mailto) host() string {
	if m.ServerName != "" {
		return oneLine(m.ServerName)
	}
	if h, err := os.Hostname(); err == nil {
		return h
	}
	return "localhost"
}

// oneLine replaces control characters, so that a value from the datagram
// cannot end a header and start another.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}

func has8bit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return true
		}
	}
	return false
}
