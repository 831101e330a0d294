package mime

import (
	"bytes"
	"testing"

	"github.com/emersion/go-imap/v2"
)

// exercise calls everything a server calls on a Structure, for every part
// and specifier; it must not panic and must stay consistent.
func exercise(t *testing.T, s *Structure, raw []byte) {
	s.Envelope()
	s.Summary()
	s.BodyText(raw)
	s.HeaderText(raw)
	s.HeaderValues(raw, "subject")
	whole, err := s.Section(raw, &imap.FetchItemBodySection{})
	if err != nil || !bytes.Equal(whole, raw) {
		t.Fatalf("BODY[] = %d bytes, %v; want the message", len(whole), err)
	}
	parts := append(allParts(s.BodyStructure(false), nil), nil)
	for _, part := range parts {
		for _, spec := range []imap.PartSpecifier{"", imap.PartSpecifierMIME, imap.PartSpecifierHeader, imap.PartSpecifierText} {
			s.Section(raw, &imap.FetchItemBodySection{Part: part, Specifier: spec})
		}
		s.Section(raw, &imap.FetchItemBodySection{Part: part, Specifier: imap.PartSpecifierHeader,
			HeaderFields: []string{"Subject", "content-type"}})
		s.Section(raw, &imap.FetchItemBodySection{Part: part, Specifier: imap.PartSpecifierHeader,
			HeaderFieldsNot: []string{"Subject"}, Partial: &imap.SectionPartial{Offset: 1, Size: 3}})
		s.ContentMD5(part)
		b, errB := s.Binary(raw, part)
		n, errN := s.BinarySize(raw, part)
		if (errB == nil) != (errN == nil) || (errB == nil && n != int64(len(b))) {
			t.Fatalf("part %v: BinarySize %d, %v; Binary %d bytes, %v", part, n, errN, len(b), errB)
		}
	}
}

// FuzzParse feeds arbitrary bytes to Parse, round-trips the result through
// the blob and asks it every question a server asks.
func FuzzParse(f *testing.F) {
	for _, name := range testMessages(f) {
		f.Add(load(f, name))
	}
	f.Add([]byte("Content-Type: multipart/mixed; boundary=a\r\n\r\n--a\r\nContent-Type: message/rfc822\r\n\r\n--a--"))
	f.Add([]byte("Content-Type: multipart/digest; boundary=a\n\n--a\n\n--a\n--a--"))
	f.Add([]byte("From: =?utf-8?b?5g==?= <@a:b@c>, g:;\r\nDate: 1 Jan 70 00:00 A\r\n\r\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		s := Parse(raw)
		blob, err := s.MarshalBinary()
		if err != nil {
			t.Fatalf("MarshalBinary: %v", err)
		}
		var u Structure
		if err := u.UnmarshalBinary(blob); err != nil {
			t.Fatalf("UnmarshalBinary of our own blob: %v", err)
		}
		sameStructure(t, raw, s, &u)
		exercise(t, s, raw)
	})
}

// FuzzUnmarshal feeds arbitrary blobs to UnmarshalBinary; whatever it
// accepts must be safe to use and to marshal again.
func FuzzUnmarshal(f *testing.F) {
	for _, name := range testMessages(f) {
		blob, err := Parse(load(f, name)).MarshalBinary()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(blob)
		if v1, err := readV1(name); err == nil {
			f.Add(v1)
		}
	}
	f.Add([]byte{formatVersion})
	f.Add([]byte{formatV1})
	f.Fuzz(func(t *testing.T, blob []byte) {
		var s Structure
		if err := s.UnmarshalBinary(blob); err != nil {
			return
		}
		s.BodyStructure(true)
		if s.Size() <= 1<<16 {
			exercise(t, &s, make([]byte, s.Size()))
		}
		again, err := s.MarshalBinary()
		if err != nil {
			t.Fatalf("MarshalBinary of an accepted blob: %v", err)
		}
		var u Structure
		if err := u.UnmarshalBinary(again); err != nil {
			t.Fatalf("re-marshalled blob rejected: %v", err)
		}
	})
}

// FuzzDecodeHeader covers the header value parsers: encoded-words,
// addresses, dates, media types, msg-ids and base subjects.
func FuzzDecodeHeader(f *testing.F) {
	for _, s := range []string{"=?utf-8?q?a?= =?utf-8?b?5g==?=", "=?x?q?", "a=?utf-8?q?=ZZ?=b", "Gr\xfc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		DecodeHeader(s)
		parseAddressList(s)
		ParseDate(s)
		parseMediaValue(s)
		msgIDs(s)
		SubjectBase(s)
	})
}
