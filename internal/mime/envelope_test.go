package mime

import (
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
)

// Expected envelopes are written from RFC 3501 §7.4.2, RFC 9051 §7.5.2 and
// RFC 5322, not generated: Sender and Reply-To default to From, group
// syntax becomes start and end markers, msg-ids lose their outer brackets
// (the writer adds them back), names and subjects are the header text,
// unfolded, encoded-words and 8-bit octets as written.
func TestEnvelope(t *testing.T) {
	alice := addr("Alice Example", "alice", "example.org")
	joerg := addr("=?UTF-8?Q?J=C3=B6rg_M=C3=BCller?=", "joerg", "example.de")
	news := addr("Newsletter", "news", "example.com")
	rene := addr("Ren\xe9 Dupont", "rene", "example.fr") // Latin-1, as written
	yamada := addr("=?utf-8?q?=E5=B1=B1=E7=94=B0?=", "yamada", "example.jp")
	gray := addr("Terry Gray", "gray", "cac.washington.edu")
	tests := []struct {
		file string
		want imap.Envelope
	}{
		{"rfc3501.eml", imap.Envelope{
			Date:    date(1994, time.February, 7, 21, 52, 25, -8*60),
			Subject: "IMAP4rev1 WG mtg summary and minutes", // unfolded
			From:    addrs(gray), Sender: addrs(gray), ReplyTo: addrs(gray),
			To: addrs(addr("", "imap", "cac.washington.edu")),
			Cc: addrs(addr("", "minutes", "CNRI.Reston.VA.US"),
				addr("John Klensin", "KLENSIN", "MIT.EDU")),
			MessageID: "B27397-0100000@cac.washington.edu",
		}},
		{"plain.eml", imap.Envelope{
			Date:    date(1994, time.February, 7, 21, 52, 25, -8*60),
			Subject: "Lunch on Friday?",
			From:    addrs(alice), Sender: addrs(alice), ReplyTo: addrs(alice),
			To:        addrs(addr("Bob", "bob", "example.com"), addr("", "carol", "example.com")),
			Cc:        addrs(addr("Dave, Jr.", "dave", "example.net")),
			MessageID: "B27397-0100000@example.org",
		}},
		{"alternative.eml", imap.Envelope{
			Date:    date(2023, time.March, 14, 9, 5, 0, 60),
			Subject: "=?utf-8?B?UmU6IFtUZWFtXSBTdGF0dXMgZsO8cg==?= Montag",
			From:    addrs(joerg), Sender: addrs(joerg),
			ReplyTo:   addrs(addr("", "lists", "example.de")),
			To:        addrs(addr("", "team", "example.com")),
			InReplyTo: []string{"orig.1@example.com"},
			MessageID: "20230314.abc@example.de",
		}},
		{"group.eml", imap.Envelope{
			Date:    date(2006, time.February, 2, 15, 4, 5, -5*60),
			Subject: "Group test",
			From:    addrs(news), Sender: addrs(news), ReplyTo: addrs(news),
			// "undisclosed-recipients:;" is an empty group: start and end.
			To: addrs(addr("", "undisclosed-recipients", ""), addr("", "", "")),
			Cc: addrs(addr("", "Friends", ""), addr("Ann", "ann", "example.com"),
				addr("", "ben", "example.com"), addr("", "", ""),
				addr("Solo", "solo", "example.com")),
			Bcc: addrs(addr("", "root", MissingHost)),
		}},
		{"8bit_headers.eml", imap.Envelope{
			Date:    date(2023, time.March, 3, 11, 22, 33, 60),
			Subject: "Grüße aus Köln",                                       // raw UTF-8 kept
			From:    addrs(rene), Sender: addrs(rene), ReplyTo: addrs(rene), // Latin-1 read as windows-1252
			To: addrs(addr("Zoë Ünal", "zoe", "example.com")),
		}},
		{"encoded_subject.eml", imap.Envelope{
			Date:    date(2024, time.June, 15, 10, 0, 0, 9*60),
			Subject: "=?UTF-8?B?5pel5pys6Kqe44Gu?= =?UTF-8?B?5Lu25ZCN?= (=?windows-1252?Q?=93quoted=94?=)",
			From:    addrs(yamada), Sender: addrs(yamada), ReplyTo: addrs(yamada),
			To: addrs(addr("", "you", "example.com")),
		}},
		{"no_separator.eml", imap.Envelope{
			Subject: "no blank line",
			From:    addrs(addr("", "sloppy", "example.com")),
			Sender:  addrs(addr("", "sloppy", "example.com")),
			ReplyTo: addrs(addr("", "sloppy", "example.com")),
			To:      addrs(addr("", "you", "example.com")),
		}},
		{"rfc2231.eml", imap.Envelope{
			Subject: "=?iso-8859-1?q?caf=E9?= =?iso-8859-1?q?_cr=E8me?=",
			From:    addrs(addr("", "sender", "example.com")),
			Sender:  addrs(addr("", "sender", "example.com")),
			ReplyTo: addrs(addr("", "sender", "example.com")),
			To:      addrs(addr("", "you", "example.com")),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := Parse(load(t, tt.file)).Envelope()
			if !envelopeEqual(got, &tt.want) {
				t.Errorf("Envelope()\n got %+v\nwant %+v", *got, tt.want)
			}
		})
	}
}

func TestEnvelopeNested(t *testing.T) {
	bs := Parse(load(t, "nested.eml")).BodyStructure(false).(*imap.BodyStructureMultiPart)
	msg := bs.Children[1].(*imap.BodyStructureSinglePart).MessageRFC822
	orig := addr("Original Sender", "orig", "example.com")
	want := &imap.Envelope{
		Date:    date(2024, time.December, 31, 17, 30, 0, -5*60),
		Subject: "Meeting notes",
		From:    addrs(orig), Sender: addrs(orig), ReplyTo: addrs(orig),
		To:        addrs(addr("Forwarder", "fwd", "example.net")),
		MessageID: "notes.7@example.com",
	}
	if !envelopeEqual(msg.Envelope, want) {
		t.Errorf("nested envelope\n got %+v\nwant %+v", *msg.Envelope, *want)
	}
}

// TestEnvelopeIsACopy checks callers cannot change the Structure.
func TestEnvelopeIsACopy(t *testing.T) {
	s := Parse(load(t, "plain.eml"))
	s.Envelope().To[0].Mailbox = "mallory"
	if got := s.Envelope().To[0].Mailbox; got != "bob" {
		t.Errorf("Envelope shares state: To[0].Mailbox = %q", got)
	}
}
