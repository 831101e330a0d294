package mime

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"math/rand"
	"testing"
)

// bigMultipart builds a realistic ~50 KB message: a text and an HTML
// alternative and a base64 attachment, deterministic by seed.
func bigMultipart(size int) []byte {
	rng := rand.New(rand.NewSource(1))
	var b bytes.Buffer
	b.WriteString("Return-Path: <sender@example.com>\r\n" +
		"Received: from mx.example.com (mx.example.com [192.0.2.7])\r\n" +
		"\tby mail.example.org with ESMTPS; Tue, 14 Mar 2023 09:05:01 +0100\r\n" +
		"From: =?utf-8?q?J=C3=B6rg?= Sender <sender@example.com>\r\n" +
		"To: Team <team@example.org>, boss@example.org\r\n" +
		"Cc: \"Archive\" <archive@example.org>\r\n" +
		"Subject: =?utf-8?b?UmU6IFF1YXJ0YWxzYmVyaWNodA==?=\r\n" +
		"Date: Tue, 14 Mar 2023 09:05:00 +0100\r\n" +
		"Message-ID: <bench.1@example.com>\r\n" +
		"In-Reply-To: <bench.0@example.com>\r\n" +
		"References: <bench.root@example.com> <bench.0@example.com>\r\n" +
		"MIME-Version: 1.0\r\n" +
		"Content-Type: multipart/mixed; boundary=\"=_mixed\"\r\n\r\n" +
		"--=_mixed\r\n" +
		"Content-Type: multipart/alternative; boundary=\"=_alt\"\r\n\r\n" +
		"--=_alt\r\nContent-Type: text/plain; charset=utf-8\r\n" +
		"Content-Transfer-Encoding: quoted-printable\r\n\r\n")
	words := []string{"report", "quarter", "M=C3=BCnchen", "numbers", "team", "review", "budget"}
	for i := 0; i < 150; i++ {
		for j := 0; j < 10; j++ {
			b.WriteString(words[rng.Intn(len(words))] + " ")
		}
		b.WriteString("=\r\n")
	}
	b.WriteString("\r\n--=_alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body>")
	for i := 0; i < 150; i++ {
		fmt.Fprintf(&b, "<p>%s %s</p>\r\n", words[rng.Intn(len(words))], words[rng.Intn(len(words))])
	}
	b.WriteString("</body></html>\r\n--=_alt--\r\n\r\n--=_mixed\r\n" +
		"Content-Type: application/pdf; name=\"q1.pdf\"\r\n" +
		"Content-Disposition: attachment; filename=\"q1.pdf\"\r\n" +
		"Content-Transfer-Encoding: base64\r\n\r\n")
	blob := make([]byte, (size-b.Len())*3/4)
	rng.Read(blob)
	enc := base64.StdEncoding.EncodeToString(blob)
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n--=_mixed--\r\n")
	return b.Bytes()
}

func BenchmarkParse(b *testing.B) {
	raw := bigMultipart(50 << 10)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		Parse(raw)
	}
}

func BenchmarkMarshalUnmarshal(b *testing.B) {
	s := Parse(bigMultipart(50 << 10))
	b.ReportAllocs()
	for b.Loop() {
		blob, _ := s.MarshalBinary()
		var t Structure
		if err := t.UnmarshalBinary(blob); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEnvelopeBodyStructure(b *testing.B) {
	s := Parse(bigMultipart(50 << 10))
	b.ReportAllocs()
	for b.Loop() {
		s.Envelope()
		s.BodyStructure(true)
	}
}
