package wire

import (
	"strings"
	"testing"
)

// readOne frames raw (one command, CRLFs and literal octets included)
// with default options and fails the test if that does not work.
func readOne(t testing.TB, raw string) *Command {
	t.Helper()
	r := NewReader(strings.NewReader(raw), ReaderOptions{LiteralPlus: true})
	cmd, err := r.ReadCommand()
	if err != nil {
		t.Fatalf("ReadCommand(%q): %v", raw, err)
	}
	return cmd
}

// decoderFor returns a decoder over the command "A1 NAME args" with
// literals given as "{n}\r\n..." inside args.
func decoderFor(t testing.TB, name, args string) *Decoder {
	t.Helper()
	raw := "A1 " + name
	if args != "" {
		raw += " " + args
	}
	return readOne(t, raw+"\r\n").Decoder()
}
