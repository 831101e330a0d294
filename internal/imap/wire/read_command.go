package wire

import (
	"bytes"
	"errors"
	"io"
)

// ReadCommand reads exactly one command: its first line, and for each
// literal announced at a line's end, the literal and the line after it.
// Errors:
//   - io.EOF when the client closed the connection between commands;
//   - *SyntaxError for a command the reader itself cannot frame (no tag,
//     no name, a line over MaxLine, an empty line), after consuming it;
//   - *LiteralError for a refused literal, after resynchronising;
//   - any other error is an I/O error (or Continue's), and the connection
//     is beyond use.
//
// Arguments are not checked here: that is the per-command parsers' job.
func (r *Reader) ReadCommand() (*Command, error) {
	cmd := &Command{}
	var ln line
	first := true
	for {
		if err := r.readLine(&ln, cmd.text, r.opts.MaxLine); err != nil {
			if !first && errors.Is(err, io.EOF) {
				return nil, io.ErrUnexpectedEOF
			}
			return nil, err
		}
		cmd.text = ln.text
		hdr, isLit := parseLiteralHeader(ln.tail)
		if ln.overflow {
			if first {
				cmd.parseHead() // only to learn the tag, if it fit
			}
			return nil, r.resync(&SyntaxError{Tag: cmd.Tag, Reason: "command line too long", Err: ErrLineTooLong}, hdr, isLit)
		}
		if first {
			first = false
			if err := cmd.parseHead(); err != nil {
				return nil, r.resync(err, hdr, isLit)
			}
		}
		if !isLit {
			return cmd, nil
		}
		if err := r.readLiteral(cmd, hdr); err != nil {
			return nil, err
		}
	}
}

// parseHead reads the tag and the command name (RFC 9051 §9: command =
// tag SP (command-any / command-auth / ...)). It keeps what it could read
// so errors carry the tag.
func (c *Command) parseHead() error {
	t := c.text
	if len(t) == 0 {
		return &SyntaxError{Reason: "null command", Err: ErrEmptyCommand}
	}
	i := 0
	for i < len(t) && isTagChar(t[i]) {
		i++
	}
	if i == 0 || (i < len(t) && t[i] != ' ') {
		return &SyntaxError{Reason: "invalid tag"}
	}
	c.Tag = string(t[:i])
	name, j := headAtom(t, i)
	if name == "" {
		return &SyntaxError{Tag: c.Tag, Reason: "missing command"}
	}
	if name == "UID" {
		sub, k := headAtom(t, j)
		if sub == "" {
			return &SyntaxError{Tag: c.Tag, Reason: "missing command after UID"}
		}
		c.UID, name, j = true, sub, k
	}
	c.Name = name
	if j < len(t) && t[j] != ' ' {
		return &SyntaxError{Tag: c.Tag, Reason: "invalid command name"}
	}
	c.args = j
	return nil
}

// headAtom reads " atom" at t[i:], upper-cased, and the offset after it.
func headAtom(t []byte, i int) (string, int) {
	if i >= len(t) || t[i] != ' ' {
		return "", i
	}
	j := i + 1
	for j < len(t) && isAtomChar(t[j]) {
		j++
	}
	if j == i+1 {
		return "", i
	}
	return string(bytes.ToUpper(t[i+1 : j])), j
}
