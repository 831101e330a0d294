package lmtp

import (
	"bufio"
	"bytes"
	"strings"
	"testing"
)

func testFilterOptions() filterOptions {
	return filterOptions{maxHeaderLine: 20, newMessageID: func() string { return "<gen@x>" }, date: "D"}
}

// runFilter feeds in to a filter in pieces of n octets.
func runFilter(in string, n int, opt filterOptions) (string, *filter) {
	var out bytes.Buffer
	f := newFilter(&out, opt)
	for len(in) > 0 {
		k := min(n, len(in))
		_, _ = f.Write([]byte(in[:k]))
		in = in[k:]
	}
	f.close()
	return out.String(), f
}

func TestFilter(t *testing.T) {
	tests := []struct {
		name, in, out string
		fail          *Reply
		bodyOffset    int64
		msgID         string
	}{
		{"plain", "A: 1\r\nMessage-ID: <m>\r\nDate: d\r\n\r\nbody\r\n",
			"A: 1\r\nMessage-ID: <m>\r\nDate: d\r\n\r\nbody\r\n", nil, 34, "<m>"},
		{"adds id and date", "A: 1\r\n\r\nb", "A: 1\r\nMessage-ID: <gen@x>\r\nDate: D\r\n\r\nb", nil, 38, "<gen@x>"},
		{"empty", "", "Message-ID: <gen@x>\r\nDate: D\r\n", nil, 30, "<gen@x>"},
		{"drops Return-Path, unfolds id", "Return-Path: <x>\r\n y\r\nDate: d\r\nMessage-ID:\r\n <folded>\r\n\r\n",
			"Date: d\r\nMessage-ID:\r\n <folded>\r\n\r\n", nil, 35, "<folded>"},
		{"munges 8-bit header only", "S: \xe9\r\nDate: d\r\n\r\n\xe9",
			"S: X\r\nDate: d\r\nMessage-ID: <gen@x>\r\n\r\n\xe9", nil, 38, "<gen@x>"},
		{"unterminated header", "A: 1", "", &replyBadHeader, -1, ""},
		{"bare CR at end", "A: 1\r\n\r\nx\r", "", &replyBareNL, -1, ""},
		{"CR CR LF", "A: 1\r\r\n", "", &replyBareNL, -1, ""},
		{"line limit", "A: 123456789012345678\r\n\r\n", "", &replyBadHeader, -1, ""},
		{"space in name", "A b: 1\r\n\r\n", "", &replyBadHeader, -1, ""},
		{"continuation first", " x\r\n\r\n", " x\r\nMessage-ID: <gen@x>\r\nDate: D\r\n\r\n", nil, 36, "<gen@x>"},
	}
	for _, tc := range tests {
		for _, n := range []int{1, 3, 1 << 20} {
			out, f := runFilter(tc.in, n, testFilterOptions())
			if tc.fail != nil {
				if f.fail == nil || *f.fail != *tc.fail {
					t.Errorf("%s/%d: fail %v, want %v", tc.name, n, f.fail, *tc.fail)
				}
				continue
			}
			if f.fail != nil || out != tc.out || f.bodyOffset != tc.bodyOffset || f.messageID != tc.msgID {
				t.Errorf("%s/%d: got %q (fail %v, body at %d, id %q), want %q (body at %d, id %q)",
					tc.name, n, out, f.fail, f.bodyOffset, f.messageID, tc.out, tc.bodyOffset, tc.msgID)
			}
		}
	}
}

// refDot is a plain reference for readDot: lines end only in CRLF.
func refDot(data string) (string, bool) {
	var out strings.Builder
	for {
		if strings.HasPrefix(data, ".\r\n") {
			return out.String(), true
		}
		i := strings.Index(data, "\r\n")
		if i < 0 {
			return "", false
		}
		line := data[:i+2]
		data = data[i+2:]
		out.WriteString(strings.TrimPrefix(line, "."))
	}
}

func TestReadDot(t *testing.T) {
	tests := []string{
		".\r\n",
		"a\r\n.\r\n",
		"..\r\n.\r\n",
		"a\n.\r\n.\r\nb",
		"a\r\n.b\r\n..c\r\n.\r\n",
		strings.Repeat("x", 40) + "\r\n." + strings.Repeat("y", 40) + "\r\n.\r\n",
		"no end\r\n",
		"a\r" + strings.Repeat("z", 15) + "\n.\r\n.\r\n",
	}
	for _, data := range tests {
		want, wantOK := refDot(data)
		var out bytes.Buffer
		err := readDot(bufio.NewReaderSize(strings.NewReader(data), 16), &out)
		if (err == nil) != wantOK || (wantOK && out.String() != want) {
			t.Errorf("readDot(%q) = %q, %v; want %q, ok %v", data, out.String(), err, want, wantOK)
		}
	}
}
