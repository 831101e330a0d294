package ingest

import (
	"slices"
	"testing"

	"github.com/corvusmail/corvus/internal/mime"
)

func TestParse(t *testing.T) {
	raw := []byte("From: =?UTF-8?Q?J=C3=B6rg?= <jorg@example.org>\r\nTo: a@example.org, b@example.net\r\n" +
		"Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\nDate: Mon, 7 Feb 1994 21:52:25 -0800\r\n" +
		"Message-ID: <id1@example.org>\r\nIn-Reply-To: <id0@example.org>\r\nReferences: <r1@x> <id0@example.org>\r\n\r\nbody\r\n")
	st, blob, sum, err := Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	var back mime.Structure
	if err := back.UnmarshalBinary(blob); err != nil || st == nil {
		t.Fatalf("blob does not decode: %v", err)
	}
	if sum.Subject != "Grüße" || sum.MessageID != "id1@example.org" || sum.Date.Year() != 1994 {
		t.Errorf("summary: %+v", sum)
	}
	if !slices.Equal(sum.InReplyTo, []string{"id0@example.org"}) || !slices.Equal(sum.References, []string{"r1@x", "id0@example.org"}) {
		t.Errorf("threading ids: %v %v", sum.InReplyTo, sum.References)
	}
	if len(sum.From) != 1 || sum.From[0].Name != "Jörg" || sum.From[0].Mailbox != "jorg" || len(sum.To) != 2 || sum.To[1].Host != "example.net" {
		t.Errorf("addresses: from %+v to %+v", sum.From, sum.To)
	}
}
