package wire

import (
	"errors"
	"io"
)

// litHeader is a literal header found at the end of a line.
type litHeader struct {
	size    int64 // -1 if the digits do not make a valid number
	nonSync bool
	binary  bool
	length  int // octets of the header in the line
}

// maxLiteralDigits keeps sizes within int64 (RFC 9051 number64).
const maxLiteralDigits = 18

// parseLiteralHeader recognises "{n}", "{n+}", "~{n}" or "~{n+}" at the end
// of tail (RFC 9051 §9 literal, RFC 7888 literal, RFC 3516 literal8). A
// header with too many digits is still a header (so the reader does not
// take the literal's octets as a command) but has size -1.
func parseLiteralHeader(tail []byte) (litHeader, bool) {
	n := len(tail)
	if n < 3 || tail[n-1] != '}' {
		return litHeader{}, false
	}
	h := litHeader{}
	i := n - 2
	if tail[i] == '+' {
		h.nonSync = true
		i--
	}
	end := i + 1
	for i >= 0 && tail[i] >= '0' && tail[i] <= '9' {
		i--
	}
	digits := tail[i+1 : end]
	if len(digits) == 0 || i < 0 || tail[i] != '{' {
		return litHeader{}, false
	}
	if i > 0 && tail[i-1] == '~' {
		h.binary = true
		i--
	}
	h.length = n - i
	h.size = -1
	if len(digits) <= maxLiteralDigits {
		var v int64
		for _, c := range digits {
			v = v*10 + int64(c-'0')
		}
		h.size = v
	}
	return h, true
}

// readLiteral decides on the literal announced at the end of cmd's text
// and reads it, or refuses it and resynchronises.
func (r *Reader) readLiteral(cmd *Command, h litHeader) error {
	refuse := func(reason error) error {
		return r.resync(&LiteralError{Tag: cmd.Tag, Name: cmd.Name, Size: h.size, Err: reason}, h, true)
	}
	switch {
	case h.size < 0:
		return refuse(ErrBadLiteral)
	case len(cmd.lits) >= r.opts.MaxLiterals:
		return refuse(ErrTooManyLiterals)
	case h.nonSync && !r.opts.LiteralPlus && h.size > literalMinusMax:
		return refuse(ErrNonSyncTooBig)
	}
	var w io.Writer
	if r.opts.Literal != nil {
		info := LiteralInfo{Command: cmd, Index: len(cmd.lits), Size: h.size, NonSync: h.nonSync, Binary: h.binary}
		var err error
		if w, err = r.opts.Literal(info); err != nil {
			return refuse(err)
		}
	}
	if w == nil && (h.size > r.opts.MaxLiteral || cmd.memory()+h.size > r.opts.MaxCommand) {
		return refuse(ErrLiteralTooBig)
	}
	if !h.nonSync && r.opts.Continue != nil {
		if err := r.opts.Continue(); err != nil {
			return err
		}
	}
	lit := Literal{Size: h.size, Binary: h.binary, NonSync: h.nonSync, Streamed: w != nil}
	var err error
	if w != nil {
		err = r.stream(w, h.size)
	} else {
		lit.Data, err = r.readN(h.size)
	}
	var we *writeError
	if errors.As(err, &we) {
		return r.sinkFailed(&LiteralError{Tag: cmd.Tag, Name: cmd.Name, Size: h.size, Err: we.err})
	}
	if err != nil {
		return err
	}
	end := len(cmd.text)
	cmd.lits = append(cmd.lits, litRef{start: end - h.length, end: end, lit: lit})
	return nil
}

// sinkFailed reports a streamed literal whose writer failed. Its octets
// were consumed; the rest of the command still has to go.
func (r *Reader) sinkFailed(report *LiteralError) error {
	var ln line
	if err := r.readLine(&ln, nil, 0); err != nil {
		return unexpected(err)
	}
	next, isLit := parseLiteralHeader(ln.tail)
	return r.resync(report, next, isLit)
}

// memory is what the command holds in memory so far.
func (c *Command) memory() int64 {
	n := int64(len(c.text))
	for _, l := range c.lits {
		n += int64(len(l.lit.Data))
	}
	return n
}

// readN reads exactly n octets, growing the buffer as octets arrive so an
// announced size alone commits little memory.
func (r *Reader) readN(n int64) ([]byte, error) {
	buf := make([]byte, 0, min(n, readBufferSize))
	for int64(len(buf)) < n {
		if len(buf) == cap(buf) {
			grown := make([]byte, len(buf), min(n, int64(2*cap(buf))))
			copy(grown, buf)
			buf = grown
		}
		m, err := io.ReadFull(r.br, buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		if err != nil {
			return nil, unexpected(err)
		}
	}
	return buf, nil
}

// writeError marks a failure of the literal's sink, not of the connection.
type writeError struct{ err error }

// Error implements error.
func (e *writeError) Error() string { return "literal sink: " + e.err.Error() }

// stream copies n octets to w straight from the read buffer. If w fails,
// the rest is still consumed so the stream stays in step.
func (r *Reader) stream(w io.Writer, n int64) error {
	var werr error
	for n > 0 {
		p, err := r.br.Peek(int(min(n, readBufferSize)))
		if len(p) > 0 && werr == nil {
			if _, e := w.Write(p); e != nil {
				werr = e
			}
		}
		r.br.Discard(len(p))
		n -= int64(len(p))
		if err != nil && n > 0 {
			return unexpected(err)
		}
	}
	if werr != nil {
		return &writeError{werr}
	}
	return nil
}

// skip discards n octets.
func (r *Reader) skip(n int64) error {
	for n > 0 {
		m, err := r.br.Discard(int(min(n, readBufferSize)))
		n -= int64(m)
		if err != nil && n > 0 {
			return unexpected(err)
		}
	}
	return nil
}

// unexpected turns EOF inside a command into io.ErrUnexpectedEOF.
func unexpected(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}
