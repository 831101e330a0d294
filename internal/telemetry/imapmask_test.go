package telemetry

import (
	"fmt"
	"slices"
	"testing"
)

func TestMaskIMAP(t *testing.T) {
	appendBody := "b LOGIN x visible\r\n" // literal content, not a command
	tests := []struct{ name, in, want string }{
		{"atom", "a1 LOGIN alice secret\r\n", "a1 LOGIN alice ***\r\n"},
		{"lower case", "a1 login alice secret\r\n", "a1 login alice ***\r\n"},
		{"mixed case", "a1 LoGiN alice secret\r\n", "a1 LoGiN alice ***\r\n"},
		{"extra spaces", "a1  LOGIN   alice \t secret\r\n", "a1  LOGIN   alice \t ***\r\n"},
		{"bare LF", "a1 LOGIN alice secret\n", "a1 LOGIN alice ***\n"},
		{"unquoted spaces", "a1 LOGIN alice my secret \r\n", "a1 LOGIN alice ***\r\n"},
		{"quoted", `a1 LOGIN alice "se cr\"et"` + "\r\n", `a1 LOGIN alice "***"` + "\r\n"},
		{"quoted backslash", `a1 LOGIN alice "a\\"` + "\r\n", `a1 LOGIN alice "***"` + "\r\n"},
		{"quoted user", `a1 LOGIN "al \"ice" secret` + "\r\n", `a1 LOGIN "al \"ice" ***` + "\r\n"},
		{"unterminated quote", "a1 LOGIN alice \"secret\r\n", "a1 LOGIN alice \"***\r\n"},
		{"literal", "a1 LOGIN alice {6}\r\nsecret\r\n", "a1 LOGIN alice {6}\r\n***\r\n"},
		{"literal plus", "a1 LOGIN alice {6+}\r\nsecret\r\n", "a1 LOGIN alice {6+}\r\n***\r\n"},
		{"literal8", "a1 LOGIN alice ~{6}\r\nsecret\r\n", "a1 LOGIN alice ~{6}\r\n***\r\n"},
		{"literal user", "a1 LOGIN {5+}\r\nalice {6+}\r\nsecret\r\n", "a1 LOGIN {5+}\r\nalice {6+}\r\n***\r\n"},
		{"literal user with spaces", "a1 LOGIN {3}\r\na b secret\r\n", "a1 LOGIN {3}\r\na b ***\r\n"},
		{"literal cut", "a1 LOGIN alice {6}\r\nsec", "a1 LOGIN alice {6}\r\n***"},
		{"literal to come", "a1 LOGIN alice {6}\r\n", "a1 LOGIN alice {6}\r\n"},
		{"bad literal", "a1 LOGIN alice {x}secret\r\n", "a1 LOGIN alice ***\r\n"},
		{"tagless", "LOGIN alice secret\r\n", "LOGIN alice ***\r\n"},
		{"pipelined", "a0 NOOP\r\na1 LOGIN alice secret\r\na2 LOGIN bob hunter2\r\na3 NOOP\r\n",
			"a0 NOOP\r\na1 LOGIN alice ***\r\na2 LOGIN bob ***\r\na3 NOOP\r\n"},
		{"after literal", fmt.Sprintf("a0 APPEND INBOX {%d}\r\n%s\r\na1 LOGIN u p\r\n", len(appendBody), appendBody),
			fmt.Sprintf("a0 APPEND INBOX {%d}\r\n%s\r\na1 LOGIN u ***\r\n", len(appendBody), appendBody)},
		{"no password", "a1 LOGIN alice\r\n", "a1 LOGIN alice\r\n"},
		{"no arguments", "a1 LOGIN\r\n", "a1 LOGIN\r\n"},
		{"empty password", `a1 LOGIN alice ""` + "\r\n", `a1 LOGIN alice ""` + "\r\n"},
		{"other command", "a1 SELECT LOGIN secret\r\n", "a1 SELECT LOGIN secret\r\n"},
		{"empty", "", ""},
		{"sasl-ir", "a1 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==\r\n", "a1 AUTHENTICATE PLAIN ***\r\n"},
		{"sasl-ir lower", "a1 authenticate plain AGFs\r\n", "a1 authenticate plain ***\r\n"},
		{"sasl-ir empty", "a1 AUTHENTICATE PLAIN =\r\n", "a1 AUTHENTICATE PLAIN =\r\n"},
		{"sasl no ir", "a1 AUTHENTICATE PLAIN\r\n", "a1 AUTHENTICATE PLAIN\r\n"},
	}
	for _, tt := range tests {
		if got := string(MaskIMAP([]byte(tt.in))); got != tt.want {
			t.Errorf("%s: MaskIMAP(%q) = %q; want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestIMAPSpansPending(t *testing.T) {
	tests := []struct {
		in   string
		want [][2]int
	}{
		{"a1 LOGIN alice {6}\r\n", [][2]int{{20, 26}}},
		{"a1 LOGIN alice {6}\r\nsec", [][2]int{{20, 26}}},
		{"a1 LOGIN alice {6}", nil}, // header not finished: not known yet
		{"a1 LOGIN {5}\r\nali", nil},
	}
	for _, tt := range tests {
		if got := IMAPSpans([]byte(tt.in)); !slices.Equal(got, tt.want) {
			t.Errorf("IMAPSpans(%q) = %v; want %v", tt.in, got, tt.want)
		}
	}
}

// TestSyncLiteralRecipe follows the recipe in the package documentation: a
// password sent as a synchronising literal, in a read of its own after the
// server's continuation, is masked too.
func TestSyncLiteralRecipe(t *testing.T) {
	cfg := setup(t)
	l, err := open(cfg, "alice", "imap", "1", fixed)
	if err != nil {
		t.Fatal(err)
	}
	var cmd []byte
	for _, chunk := range []string{"a1 LOGIN {5}\r\n", "alice {1", "4}\r\n", "hunter2", "hunter2\r\n", "a2 NOOP\r\n"} {
		off := len(cmd)
		cmd = append(cmd, chunk...)
		spans := IMAPSpans(cmd)
		for i := range spans {
			spans[i][0] -= off
			spans[i][1] -= off
		}
		l.InputMasked([]byte(chunk), spans)
	}
	l.Close(false)
	m := "<1709622489<"
	want := fixedHeader + m + "a1 LOGIN {5}\r\n" + m + "alice {1" + m + "4}\r\n" +
		m + "***" + m + "***\r\n" + m + "a2 NOOP\r\n"
	if got := readFile(t, l.Path()); got != want {
		t.Errorf("file:\n%q\nwant:\n%q", got, want)
	}
}
