package cyrusconf

import (
	"strings"
	"testing"
)

func TestSyntax(t *testing.T) {
	long := "x cmd=" + strings.Repeat("a", maxLineLen)
	tooMany := "imap cmd=imapd listen=imap" + strings.Repeat(" a=1", maxArgs-2)
	tests := []struct {
		name   string
		src    string
		wants  []want
		nStart int // START entries expected
	}{
		{"empty file", "", nil, 0},
		{"comments and blanks", "# c\n\n   # d\n\t\n", nil, 0},
		{"brace glued", "START{\nr cmd=x\n}\n", nil, 1},
		{"brace spaced", "  START   {  \n r cmd=x\n  }\n", nil, 1},
		{"empty one-line section", "START { }\n", nil, 0},
		{"brace on next line", "START\n{\nr cmd=x\n}\n", []want{
			{errD, "Text outside any section", 1, 1, "same line"},
			{errD, "Text outside any section", 2, 1, ""},
			{errD, "Text outside any section", 3, 1, ""},
			{errD, "Unexpected }", 4, 1, ""},
		}, 0},
		{"text outside", "junk\nSTART {\n}\n", []want{{errD, "Text outside any section", 1, 1, "section headers"}}, 0},
		{"stray close", "}\n", []want{{errD, "Unexpected }", 1, 1, ""}}, 0},
		{"missing close at EOF", "# x\nSTART {\nr cmd=x\n", []want{{errD, "Missing closing }", 2, 1, "end of the file"}}, 1},
		{"missing close before next", "START {\nr cmd=x\nEVENTS {\n}\n", []want{{errD, "Missing closing }", 3, 1, "START opened at test.conf:1:1"}}, 1},
		{"close with trailing text", "START {\n} junk\n", []want{{warnD, "Text after } ignored", 2, 3, ""}}, 0},
		{"close with trailing comment", "START {\n} # done\n", nil, 0},
		{"brace after entry", "START {\nr cmd=x }\n", nil, 1},
		{"brace glued to quote", "START {\nr cmd=\"x\"}\n", nil, 1},
		{"brace glued to value", "START {\nr cmd=x}\n", nil, 1},
		{"brace inside unquoted value", "START {\nr cmd=a}b\n}\n", nil, 1},
		{"brace after entry then text", "START {\nr cmd=x } y\n", []want{{warnD, "Text after } ignored", 2, 11, ""}}, 1},
		{"entry on header line", "START { r cmd=x }\n", []want{{errD, "Entry on section header line", 1, 9, ""}}, 0},
		{"entry on header line unclosed", "START { r cmd=x\ns cmd=y\n}\n", []want{{errD, "Entry on section header line", 1, 9, ""}}, 1},
		{"repeated section", "START {\na cmd=x\n}\nSTART {\nb cmd=y\n}\n", []want{{warnD, "Repeated section", 4, 1, "test.conf:1:1"}}, 2},
		{"lower-case section", "start {\na cmd=x\n}\n", []want{{warnD, "not in capitals", 1, 1, ""}}, 1},
		{"unknown section", "SERVICE {\nimap cmd=imapd\n}\n", []want{{warnD, "Unknown section", 1, 1, "Did you mean SERVICES?"}}, 0},
		{"unknown section syntax checked", "FOO {\na-b\n}\n", []want{
			{warnD, "Unknown section", 1, 1, "FOO"},
			{errD, "Bad character in name", 2, 2, "'-'"},
		}, 0},
		{"bad character in name", "START {\n  re-cover cmd=x\n}\n", []want{{errD, "Bad character in name", 2, 5, "'-'"}}, 0},
		{"name starts badly", "START {\n  =x\n}\n", []want{{errD, "Bad character in name", 2, 3, "'='"}}, 0},
		{"name glued to brace", "START {\nr}\n", []want{{errD, "Bad character in name", 2, 2, "'}'"}}, 0},
		{"bad character in key", "START {\nr cmd=x my-key=1\n}\n", []want{{errD, "Bad character in argument", 2, 11, "'-'"}}, 0},
		{"key without =", "START {\nr cmd=x flag\n}\n", []want{{errD, "Bad character in argument", 2, 9, "no =value"}}, 0},
		{"empty key", "START {\nr =x\n}\n", []want{{errD, "Bad character in argument", 2, 3, "name before ="}}, 0},
		{"key space =", "START {\nr cmd =x\n}\n", []want{{errD, "Bad character in argument", 2, 6, ""}}, 0},
		{"missing quote", "START {\nr cmd=\"x y\n}\n", []want{{errD, "Missing closing quote", 2, 7, "cmd="}}, 0},
		{"comment inside quote", "START {\nr cmd=\"a #b\"\n}\n", []want{
			{errD, "Missing closing quote", 2, 7, ""},
			{warnD, "Comment inside quotes", 2, 10, "even inside a quoted value"},
		}, 0},
		{"comment after value", "START {\nr cmd=\"a b\" # c\n}\n", nil, 1},
		{"no space after quote", "START {\nr cmd=\"a\"x=1\n}\n", []want{
			{warnD, "Missing space after quoted value", 2, 10, ""},
			{warnD, "Unknown key", 2, 10, ""},
		}, 1},
		{"CRLF line ends", "START {\r\nr cmd=\"x\"\r\n}\r\n", nil, 1},
		{"line too long", "START {\n" + long + "\n}\n", []want{{errD, "Line too long", 2, maxLineLen + 1, ""}}, 0},
		{"too many arguments", "SERVICES {\n" + tooMany + " b=2\n}\n", []want{{errD, "Too many arguments", 2, len(tooMany) + 2, "32"}}, 0},
		{"bad line then brace closes", "START {\nr cmd=\"x }\nEVENTS {\n}\n", []want{{errD, "Missing closing quote", 2, 7, ""}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, diags := parse(tt.src)
			if cfg == nil {
				t.Fatal("nil Config")
			}
			checkDiags(t, diags, tt.wants)
			if len(cfg.Start) != tt.nStart {
				t.Errorf("got %d START entries, want %d", len(cfg.Start), tt.nStart)
			}
		})
	}
}

// TestSyntaxValues checks what the scanner makes of names and values.
func TestSyntaxValues(t *testing.T) {
	cfg, diags := parse("START {\n  r1 cmd=\"prog  -a\t-b\" \n r2 cmd=prog}\n")
	noErrors(t, diags)
	if len(cfg.Start) != 2 {
		t.Fatalf("got %d entries", len(cfg.Start))
	}
	r1 := cfg.Start[0]
	if r1.Name != "r1" || strings.Join(r1.Cmd, "|") != "prog|-a|-b" {
		t.Errorf("r1 = %q %q", r1.Name, r1.Cmd)
	}
	if r1.Range.Start.Line != 2 || r1.Range.Start.Column != 3 || r1.Range.End.Column != 5 || r1.Range.Filename != "test.conf" {
		t.Errorf("r1 range = %#v", r1.Range)
	}
	if got := cfg.Start[1].Cmd; len(got) != 1 || got[0] != "prog" {
		t.Errorf("r2 cmd = %q", got)
	}
}

// TestTooManyArgumentsBoundary checks that exactly maxArgs is allowed.
func TestTooManyArgumentsBoundary(t *testing.T) {
	line := "imap cmd=imapd listen=143" + strings.Repeat(" x=1", maxArgs-2)
	cfg, diags := parse(services(line))
	noErrors(t, diags)
	if len(diags) != maxArgs-2 { // an unknown-key warning for each x=1
		t.Errorf("got %d warnings, want %d", len(diags), maxArgs-2)
	}
	if cfg.Service("imap") == nil {
		t.Error("imap missing")
	}
}
