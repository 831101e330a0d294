package wire

import "errors"

// resync brings the stream back to the start of the next command after
// the current one was refused, then returns report (or a fatal error).
// hdr is the literal header that ended the line just read, if isLit.
//
// A refused synchronising literal needs nothing: the client waits for a
// continuation that never comes and takes the tagged answer instead. A
// non-synchronising literal is already on its way (RFC 7888 §4), so its
// octets are skipped, and so is the rest of the command, which may carry
// more {n+} literals. A literal too big to skip (over MaxSkip, or with an
// unreadable length) cannot be stepped over: the error is then Fatal and
// the engine closes the connection, as Cyrus does with "BYE [TOOBIG]".
func (r *Reader) resync(report error, hdr litHeader, isLit bool) error {
	budget := r.opts.MaxSkip
	for isLit && hdr.nonSync {
		if hdr.size < 0 || hdr.size > budget {
			return fatal(report, hdr)
		}
		budget -= hdr.size
		if err := r.skip(hdr.size); err != nil {
			return err
		}
		var ln line
		if err := r.readLine(&ln, nil, 0); err != nil {
			return unexpected(err)
		}
		hdr, isLit = parseLiteralHeader(ln.tail)
	}
	return report
}

// fatal marks report as one the stream cannot recover from.
func fatal(report error, hdr litHeader) error {
	var le *LiteralError
	if errors.As(report, &le) {
		le.Fatal = true
		return le
	}
	le = &LiteralError{Size: hdr.size, Err: ErrLiteralTooBig, Fatal: true}
	var se *SyntaxError
	if errors.As(report, &se) {
		le.Tag = se.Tag
	}
	if hdr.size < 0 {
		le.Err = ErrBadLiteral
	}
	return le
}
