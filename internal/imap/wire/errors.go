package wire

import (
	"errors"
	"fmt"
)

// Conditions the engine branches on. They arrive wrapped in a *SyntaxError
// or a *LiteralError; test with errors.Is.
var (
	// ErrEmptyCommand: the client sent an empty line. As Cyrus, the engine
	// may answer "* BAD Null command" or ignore it.
	ErrEmptyCommand = errors.New("empty command line")
	// ErrLineTooLong: the command's text (everything but literal octets)
	// exceeded ReaderOptions.MaxLine.
	ErrLineTooLong = errors.New("command line too long")
	// ErrLiteralTooBig: a literal larger than the reader will keep in
	// memory (ReaderOptions.MaxLiteral, MaxCommand) and not streamed by the
	// Literal hook. RFC 7889 calls for the TOOBIG response code.
	ErrLiteralTooBig = errors.New("literal too big")
	// ErrNonSyncTooBig: a {n+} literal over 4096 octets while only
	// LITERAL- is offered (RFC 7888 §4: BAD with TOOBIG).
	ErrNonSyncTooBig = errors.New("non-synchronizing literal over 4096 octets")
	// ErrTooManyLiterals: more literals than ReaderOptions.MaxLiterals.
	ErrTooManyLiterals = errors.New("too many literals in one command")
	// ErrBadLiteral: a literal header whose length is not a valid number.
	ErrBadLiteral = errors.New("invalid literal length")
)

// SyntaxError reports a command that does not follow the grammar. By the
// time it is returned, the reader has consumed the whole bad command, so the
// next ReadCommand starts cleanly; the engine answers "<tag> BAD <reason>"
// (or "* BAD" when Tag is empty) and counts errors in a row, as Cyrus closes
// the connection after ten.
type SyntaxError struct {
	Tag    string // the command's tag, "" if it could not be read
	Reason string // human readable, safe to send to the client
	Err    error  // a sentinel above, or nil
}

// Error implements error.
func (e *SyntaxError) Error() string {
	if e.Tag == "" {
		return "imap syntax: " + e.Reason
	}
	return fmt.Sprintf("imap syntax (tag %s): %s", e.Tag, e.Reason)
}

// Unwrap returns the sentinel, if any.
func (e *SyntaxError) Unwrap() error { return e.Err }

// LiteralError reports a literal the reader refused (too big, too many, or
// refused by the Literal hook, whose error is Err). Unless Fatal, the
// reader has resynchronised: it never sent the continuation for a refused
// synchronising literal, and it skipped the octets of a refused
// non-synchronising one and of the rest of that command.
type LiteralError struct {
	Tag   string // the command's tag
	Name  string // the command's name, upper case
	Size  int64  // announced literal size (-1 if unreadable)
	Err   error  // why: a sentinel above or the Literal hook's error
	Fatal bool   // the stream cannot be resynchronised: close the connection
}

// Error implements error.
func (e *LiteralError) Error() string {
	return fmt.Sprintf("imap literal (tag %s, %s, %d octets): %v", e.Tag, e.Name, e.Size, e.Err)
}

// Unwrap returns the reason.
func (e *LiteralError) Unwrap() error { return e.Err }
