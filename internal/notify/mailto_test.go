package notify

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestMailto(t *testing.T) {
	when := time.Date(2026, 11, 24, 10, 30, 0, 0, time.UTC)
	tests := []struct {
		name     string
		n        Notification
		wantArgs []string
		wantMail []string // header lines and body, in order
	}{
		{"plain", Notification{Method: "mailto", Class: "SIEVE", User: "alice", Mailbox: "INBOX",
			Options: []string{"mailto:alice@example.org"}, Message: "From: bob\r\nSubject: hi"},
			[]string{"-i", "-f", "<>", "--", "alice@example.org"},
			[]string{
				fmt.Sprintf("Message-ID: <corvus-notify-%d-%d-1@mail.example.org>", os.Getpid(), when.Unix()),
				"Date: Tue, 24 Nov 2026 10:30:00 +0000",
				"From: Mail Sieve Subsystem <postmaster@example.org>",
				"To: <alice@example.org>",
				"Subject: [SIEVE] New mail notification",
				"Auto-Submitted: auto-notified",
				"",
				"From: bob",
				"Subject: hi",
			}},
		{"8-bit, two recipients, hostile class", Notification{Class: "X\r\nBcc: eve@evil", Options: []string{"a@x.org", "b@y.org"},
			Message: "café\n"},
			[]string{"-i", "-f", "<>", "--", "a@x.org", "b@y.org"},
			[]string{
				fmt.Sprintf("Message-ID: <corvus-notify-%d-%d-1@mail.example.org>", os.Getpid(), when.Unix()),
				"Date: Tue, 24 Nov 2026 10:30:00 +0000",
				"From: Mail Sieve Subsystem <postmaster@example.org>",
				"To: <a@x.org>, <b@y.org>",
				"Subject: [X  Bcc: eve@evil] New mail notification",
				"Auto-Submitted: auto-notified",
				"MIME-Version: 1.0",
				"Content-Type: text/plain; charset=UTF-8",
				"Content-Transfer-Encoding: 8bit",
				"",
				"café",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, dir := fakeProgram(t, "exit 0")
			m := &Mailto{Sendmail: path, Postmaster: "postmaster@example.org", ServerName: "mail.example.org",
				Timeout: 10 * time.Second, now: func() time.Time { return when }}
			if err := m.Notify(context.Background(), tt.n); err != nil {
				t.Fatalf("Notify: %v", err)
			}
			argv, stdin := recorded(t, dir)
			if !reflect.DeepEqual(argv, tt.wantArgs) {
				t.Errorf("arguments = %q, want %q", argv, tt.wantArgs)
			}
			if cmd, err := m.command(tt.n); err != nil || cmd.argv0 != "sendmail" {
				t.Errorf("argv[0] = %q, %v; want sendmail, as Cyrus", cmd.argv0, err)
			}
			if want := strings.Join(tt.wantMail, "\n") + "\n"; stdin != want {
				t.Errorf("mail =\n%s\nwant\n%s", stdin, want)
			}
		})
	}
}

// Message-IDs differ between notifications sent in the same second.
func TestMailtoMessageIDsDiffer(t *testing.T) {
	m := &Mailto{ServerName: "h", now: func() time.Time { return time.Unix(1e9, 0) }}
	n := Notification{Options: []string{"a@x.org"}}
	first := strings.SplitN(string(m.compose(n, []string{"a@x.org"})), "\n", 2)[0]
	second := strings.SplitN(string(m.compose(n, []string{"a@x.org"})), "\n", 2)[0]
	if first == second {
		t.Errorf("two mails share %q", first)
	}
}

func TestMailtoFails(t *testing.T) {
	failing, _ := fakeProgram(t, "echo 'queue full' >&2; exit 75")
	ok, okDir := fakeProgram(t, "exit 0")
	tests := []struct {
		name    string
		m       *Mailto
		options []string
		wantErr string
	}{
		{"no address", &Mailto{Sendmail: ok}, nil, "no recipient address"},
		{"option-like address", &Mailto{Sendmail: ok}, []string{"-bs"}, "starts with '-'"},
		{"relative sendmail", &Mailto{Sendmail: "sendmail"}, []string{"a@x.org"}, "not an absolute path"},
		{"sendmail fails", &Mailto{Sendmail: failing}, []string{"a@x.org"}, "exit status 75: queue full"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.m.Notify(context.Background(), Notification{Options: tt.options, Message: "m"})
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Notify: %v, want error containing %q", err, tt.wantErr)
			}
		})
	}
	if _, err := os.Stat(okDir + "/args"); err == nil {
		t.Error("sendmail ran for a notification that was refused")
	}
}
