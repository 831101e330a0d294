package mime

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/emersion/go-imap/v2"
)

// TestEnvelopeText checks the header text ENVELOPE carries (RFC 3501
// §7.4.2) next to the decoded forms Summary and DecodedEnvelope give.
func TestEnvelopeText(t *testing.T) {
	tests := []struct {
		name, header string
		subject      string // Envelope().Subject
		decoded      string // Summary().Subject
		date         string // EnvelopeDate()
		zeroDate     bool   // Envelope().Date is zero
		inReplyTo    []string
		messageID    string
		sumReply     string // Summary().InReplyTo
	}{
		{name: "encoded-word subject stays encoded",
			header:  "Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\r\nDate: Mon, 7 Feb 1994 21:52:25 -0800 (PST)\r\n",
			subject: "=?utf-8?q?Gr=C3=BC=C3=9Fe?=", decoded: "Grüße",
			date: "Mon, 7 Feb 1994 21:52:25 -0800 (PST)"},
		{name: "folding removed, whitespace kept",
			header:  "Subject: a\r\n \t b  c \r\nDate: Mon,\r\n 7 Feb 1994 21:52:25 -0800\r\n",
			subject: "a \t b  c", decoded: "a \t b  c", date: "Mon, 7 Feb 1994 21:52:25 -0800"},
		{name: "unparseable date still sent",
			header: "Date: yesterday at noon\r\n",
			date:   "yesterday at noon", zeroDate: true},
		{name: "no date", header: "Subject: x\r\n", subject: "x", decoded: "x", zeroDate: true},
		{name: "msg-ids as written",
			header:    "In-Reply-To: <a@b>\r\n <c@d>\r\nMessage-ID: <x y@z>\r\n",
			inReplyTo: []string{"a@b> <c@d"}, messageID: "x y@z", sumReply: "<a@b>", zeroDate: true},
		{name: "msg-id with a comment is reduced to its id",
			header:    "In-Reply-To: <a@b> (Alice's message)\r\nMessage-ID: broken@id\r\n",
			inReplyTo: []string{"a@b"}, messageID: "broken@id", sumReply: "<a@b>", zeroDate: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Parse([]byte(tt.header + "\r\nbody\r\n"))
			env, sum := s.Envelope(), s.Summary()
			if env.Subject != tt.subject || sum.Subject != tt.decoded {
				t.Errorf("subject %q, summary %q; want %q, %q", env.Subject, sum.Subject, tt.subject, tt.decoded)
			}
			if got := s.EnvelopeDate(); got != tt.date || env.Date.IsZero() != tt.zeroDate {
				t.Errorf("EnvelopeDate %q, Date %v; want %q, zero %v", got, env.Date, tt.date, tt.zeroDate)
			}
			if !reflect.DeepEqual(env.InReplyTo, tt.inReplyTo) || env.MessageID != tt.messageID {
				t.Errorf("ids %q %q; want %q %q", env.InReplyTo, env.MessageID, tt.inReplyTo, tt.messageID)
			}
			if sum.InReplyTo != tt.sumReply {
				t.Errorf("Summary.InReplyTo %q, want %q", sum.InReplyTo, tt.sumReply)
			}
		})
	}
}

// TestDecodedEnvelope: go-imap's conventions, for indexing.
func TestDecodedEnvelope(t *testing.T) {
	tests := []struct {
		file      string
		subject   string
		from      imap.Address
		inReplyTo []string
	}{
		{"alternative.eml", "Re: [Team] Status für Montag", addr("Jörg Müller", "joerg", "example.de"), []string{"orig.1@example.com"}},
		{"8bit_headers.eml", "Grüße aus Köln", addr("René Dupont", "rene", "example.fr"), nil}, // Latin-1 read as windows-1252
		{"encoded_subject.eml", "日本語の件名 (“quoted”)", addr("山田", "yamada", "example.jp"), nil},
		{"rfc2231.eml", "café crème", addr("", "sender", "example.com"), nil}, // the space inside the second Q word survives
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			env := Parse(load(t, tt.file)).DecodedEnvelope()
			if env.Subject != tt.subject || len(env.From) != 1 || env.From[0] != tt.from ||
				!reflect.DeepEqual(env.InReplyTo, tt.inReplyTo) {
				t.Errorf("DecodedEnvelope = %+v; want subject %q, from %+v, in-reply-to %q", *env, tt.subject, tt.from, tt.inReplyTo)
			}
		})
	}
}

// TestEnvelopeWire renders the RFC 3501 sample through the engine's
// writer: everything after the date must be RFC 3501 §7.4.2's text. (The
// date is the writer's to send, from EnvelopeDate.) Per the grammar,
// addresses in a list are not separated.
func TestEnvelopeWire(t *testing.T) {
	var buf bytes.Buffer
	w := wire.NewWriter(&buf)
	f := w.Fetch(1)
	f.Envelope(Parse(load(t, "rfc3501.eml")).Envelope())
	f.Close()
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	gray := `(("Terry Gray" NIL "gray" "cac.washington.edu"))`
	want := ` "IMAP4rev1 WG mtg summary and minutes" ` + gray + " " + gray + " " + gray +
		` ((NIL NIL "imap" "cac.washington.edu"))` +
		` ((NIL NIL "minutes" "CNRI.Reston.VA.US")("John Klensin" NIL "KLENSIN" "MIT.EDU"))` +
		` NIL NIL "<B27397-0100000@cac.washington.edu>"))` + "\r\n"
	if got := buf.String(); !strings.HasSuffix(got, want) {
		t.Errorf("ENVELOPE\n got %s\nwant suffix %s", got, want)
	}
}

// TestUnmarshalV1 reads blobs written by version 1 (testdata/v1, made from
// the testdata messages before version 2): they must still be served, with
// the decoded text they hold.
func TestUnmarshalV1(t *testing.T) {
	for _, name := range testMessages(t) {
		blob, err := readV1(name)
		if err != nil {
			continue // a message added after version 2
		}
		t.Run(name, func(t *testing.T) {
			if blob[0] != formatV1 {
				t.Fatalf("version byte %d", blob[0])
			}
			var old Structure
			if err := old.UnmarshalBinary(blob); err != nil {
				t.Fatalf("UnmarshalBinary: %v", err)
			}
			fresh := Parse(load(t, name))
			if !envelopeEqual(old.Envelope(), fresh.DecodedEnvelope()) {
				t.Errorf("Envelope\n got %+v\nwant %+v", *old.Envelope(), *fresh.DecodedEnvelope())
			}
			if !envelopeEqual(old.DecodedEnvelope(), fresh.DecodedEnvelope()) {
				t.Errorf("DecodedEnvelope\n got %+v\nwant %+v", *old.DecodedEnvelope(), *fresh.DecodedEnvelope())
			}
			a, b := old.Summary(), fresh.Summary()
			a.Date, b.Date = time.Time{}, time.Time{}
			if !reflect.DeepEqual(a, b) {
				t.Errorf("Summary\n got %+v\nwant %+v", a, b)
			}
			if d := fresh.DecodedEnvelope().Date; !d.IsZero() && old.EnvelopeDate() != d.Format(dateLayout) {
				t.Errorf("EnvelopeDate %q, want %q", old.EnvelopeDate(), d.Format(dateLayout))
			}
			again, err := old.MarshalBinary()
			var u Structure
			if err != nil || again[0] != formatVersion || u.UnmarshalBinary(again) != nil {
				t.Fatalf("re-marshal as version %d: %v", formatVersion, err)
			}
			sameStructure(t, load(t, name), &old, &u)
		})
	}
}
