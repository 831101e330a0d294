package lmtp

import (
	"errors"
	"testing"
)

// replyOf returns the reply an error carries, or the zero Reply.
func replyOf(err error) Reply {
	var f *failure
	if errors.As(err, &f) {
		return f.r
	}
	return Reply{}
}

func TestParseMail(t *testing.T) {
	tests := []struct {
		arg  string
		lax  bool
		want mailCmd
		code int // 0: success
	}{
		{"FROM:<a@b.example>", false, mailCmd{from: mailbox{"a@b.example", "a", "b.example"}}, 0},
		{"from:<>", false, mailCmd{}, 0},
		{"FROM: <a@b>", false, mailCmd{from: mailbox{"a@b", "a", "b"}}, 0},
		{"FROM:<@r1,@r2:a@b>", false, mailCmd{from: mailbox{"a@b", "a", "b"}}, 0},
		{"FROM:<postmaster>", false, mailCmd{from: mailbox{"postmaster", "postmaster", ""}}, 0},
		{`FROM:<"j d\"x"@[127.0.0.1]>`, false, mailCmd{from: mailbox{`"j d\"x"@[127.0.0.1]`, `j d"x`, "[127.0.0.1]"}}, 0},
		{"FROM:<a@[IPv6:::1]>", false, mailCmd{from: mailbox{"a@[IPv6:::1]", "a", "[IPv6:::1]"}}, 0},
		{"FROM:<a@b> SIZE=123 BODY=8bitmime AUTH=x+2By IGNOREQUOTA", false,
			mailCmd{from: mailbox{"a@b", "a", "b"}, size: 123, body: "8BITMIME", authParam: "x+y", ignoreQuota: true}, 0},
		{"FROM:<a@b>  size=1", false, mailCmd{from: mailbox{"a@b", "a", "b"}, size: 1}, 0},
		{"FROM:<> SIZE=99999999999999999999", false, mailCmd{size: 1<<63 - 1}, 0},
		{"FROM:<a\xe9@b>", true, mailCmd{from: mailbox{"aX@b", "aX", "b"}}, 0},
		{"FROM:<a\xe9@b>", false, mailCmd{}, 501},
		{"FROM:<a@b\xe9>", true, mailCmd{}, 501},
		{"FROM:a@b", false, mailCmd{}, 501},
		{"FROM:<a@b", false, mailCmd{}, 501},
		{"FROM:<a@b>x", false, mailCmd{}, 501},
		{"FROM:<a@>", false, mailCmd{}, 501},
		{"FROM:<@b>", false, mailCmd{}, 501},
		{"FROM:<@r1:>", false, mailCmd{}, 501},
		{"FROM:<a b@c>", false, mailCmd{}, 501},
		{"FROM:<\"unterminated@b>", false, mailCmd{}, 501},
		{"FROM:<a@[]>", false, mailCmd{}, 501},
		{"TO:<a@b>", false, mailCmd{}, 501},
		{"FROM:<a@b> SIZE", false, mailCmd{}, 501},
		{"FROM:<a@b> SIZE=-1", false, mailCmd{}, 501},
		{"FROM:<a@b> BODY=BINARYMIME", false, mailCmd{}, 501},
		{"FROM:<a@b> AUTH=a+2b", false, mailCmd{}, 501},
		{"FROM:<a@b> AUTH=a+2", false, mailCmd{}, 501},
		{"FROM:<a@b> IGNOREQUOTA=1", false, mailCmd{}, 501},
		{"FROM:<a@b> X==", false, mailCmd{}, 501},
		{"FROM:<a@b> -X", false, mailCmd{}, 501},
		{"FROM:<a@b> RET=HDRS", false, mailCmd{}, 555},
		{"FROM:<a@b> body=7bit BODY=7BIT", false, mailCmd{}, 501},
	}
	for _, tc := range tests {
		got, err := parseMail(tc.arg, tc.lax)
		if code := replyOf(err).Code; code != tc.code {
			t.Errorf("parseMail(%q): reply %v, want code %d", tc.arg, err, tc.code)
			continue
		}
		if err == nil && got != tc.want {
			t.Errorf("parseMail(%q) = %+v, want %+v", tc.arg, got, tc.want)
		}
	}
}

func TestParseRcpt(t *testing.T) {
	tests := []struct {
		arg  string
		want rcptCmd
		code int
	}{
		{"TO:<u+detail@Example.ORG>", rcptCmd{to: mailbox{"u+detail@Example.ORG", "u+detail", "Example.ORG"}}, 0},
		{"to:<bob> ignorequota", rcptCmd{to: mailbox{"bob", "bob", ""}, ignoreQuota: true}, 0},
		{"TO:<>", rcptCmd{}, 501},
		{"TO:bob", rcptCmd{}, 501},
		{"FROM:<bob>", rcptCmd{}, 501},
		{"TO:<bob> NOTIFY=NEVER", rcptCmd{}, 555},
		{"TO:<bob> IGNOREQUOTA=yes", rcptCmd{}, 555},
	}
	for _, tc := range tests {
		got, err := parseRcpt(tc.arg, false)
		if code := replyOf(err).Code; code != tc.code {
			t.Errorf("parseRcpt(%q): reply %v, want code %d", tc.arg, err, tc.code)
			continue
		}
		if err == nil && got != tc.want {
			t.Errorf("parseRcpt(%q) = %+v, want %+v", tc.arg, got, tc.want)
		}
	}
}

func TestParseBdat(t *testing.T) {
	tests := []struct {
		arg  string
		size int64
		last bool
		ok   bool
	}{
		{"0 LAST", 0, true, true},
		{"123", 123, false, true},
		{"5 last", 5, true, true},
		{"5  LAST", 5, true, true},
		{"", 0, false, false},
		{"-1", 0, false, false},
		{"+1", 0, false, false},
		{"1 LASTX", 0, false, false},
		{"9999999999999999999", 0, false, false},
	}
	for _, tc := range tests {
		size, last, ok := parseBdat(tc.arg)
		if size != tc.size || last != tc.last || ok != tc.ok {
			t.Errorf("parseBdat(%q) = %d %v %v, want %d %v %v", tc.arg, size, last, ok, tc.size, tc.last, tc.ok)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want Reply }{
		{Reply{250, "2.1.5", "Ok"}, Reply{250, "2.1.5", "Ok"}},
		{Reply{250, "", ""}, Reply{250, "2.0.0", "Ok"}},
		{Reply{452, "5.2.2", "x"}, Reply{452, "4.0.0", "x"}},
		{Reply{550, "5.1.1000", "x"}, Reply{550, "5.0.0", "x"}},
		{Reply{550, "5.1", "a\r\nb"}, Reply{550, "5.0.0", "a  b"}},
		{Reply{354, "", "go"}, replyInternal},
		{Reply{999, "", ""}, replyInternal},
		{Reply{451, "4.3.0", " "}, Reply{451, "4.3.0", "Temporary failure"}},
	}
	for _, tc := range tests {
		if got := normalize(tc.in); got != tc.want {
			t.Errorf("normalize(%+v) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}
