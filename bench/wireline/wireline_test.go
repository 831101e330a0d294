package wireline

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		max   int
		lines []string // read in turn
		err   error    // of the read after them; nil: any error
	}{
		{name: "CRLF", in: "a1 OK\r\nb\r\n", max: 100, lines: []string{"a1 OK", "b"}, err: io.EOF},
		{name: "bare LF", in: "x\ny\n", max: 100, lines: []string{"x", "y"}, err: io.EOF},
		{name: "CR kept inside", in: "a\rb\r\n", max: 100, lines: []string{"a\rb"}, err: io.EOF},
		{name: "empty line", in: "\r\n", max: 100, lines: []string{""}, err: io.EOF},
		{name: "closed mid-line", in: "250 no end", max: 100, err: io.ErrUnexpectedEOF},
		{name: "longer than the reader's buffer", in: strings.Repeat("x", 100) + "\r\n", max: 200, lines: []string{strings.Repeat("x", 100)}, err: io.EOF},
		{name: "over max", in: strings.Repeat("x", 300) + "\r\n", max: 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			br := bufio.NewReaderSize(strings.NewReader(tt.in), 16)
			for _, want := range tt.lines {
				got, err := Read(br, tt.max)
				if err != nil || got != want {
					t.Fatalf("Read = %q, %v; want %q", got, err, want)
				}
			}
			_, err := Read(br, tt.max)
			if err == nil || (tt.err != nil && !errors.Is(err, tt.err)) {
				t.Fatalf("last Read error = %v, want %v", err, tt.err)
			}
		})
	}
}

func TestShort(t *testing.T) {
	long := strings.Repeat("y", 200)
	tests := []struct{ in, want string }{
		{"", ""},
		{"* OK", "* OK"},
		{long[:120], long[:120]},
		{long, long[:120] + "…"},
	}
	for _, tt := range tests {
		if got := Short(tt.in); got != tt.want {
			t.Errorf("Short(%d bytes) = %q, want %q", len(tt.in), got, tt.want)
		}
	}
}

// FuzzRead checks that Read never panics, never returns a line with its
// end or over the bound, and consumes no more than it was given.
func FuzzRead(f *testing.F) {
	f.Add("a1 OK done\r\n* 3 EXISTS\r\n")
	f.Add("250-x\n250 y\r\n")
	f.Add("no end")
	f.Add("\r\r\n\n")
	f.Add(strings.Repeat("z", 70) + "\n")
	f.Fuzz(func(t *testing.T, in string) {
		br := bufio.NewReaderSize(strings.NewReader(in), 16)
		total := 0
		for range 64 {
			line, err := Read(br, 64)
			if err != nil {
				return
			}
			if strings.Contains(line, "\n") || len(line) > 64 {
				t.Fatalf("Read returned %q from %q", line, in)
			}
			total += len(line) + 1
			if total > len(in) {
				t.Fatalf("read %d bytes of lines from %d bytes", total, len(in))
			}
		}
	})
}
