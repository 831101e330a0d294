package wire

import "io"

// Defaults for ReaderOptions fields left zero.
const (
	// DefaultMaxLine bounds a command's non-literal text.
	DefaultMaxLine = 64 << 10
	// DefaultMaxLiteral is Cyrus's maxliteral default (128K).
	DefaultMaxLiteral = 128 << 10
	// DefaultMaxLiterals bounds the literals of one command.
	DefaultMaxLiterals = 1000
	// DefaultMaxCommand bounds the octets one command keeps in memory.
	DefaultMaxCommand = 1 << 20
	// DefaultMaxSkip bounds how much of a refused non-synchronising
	// literal the reader skips before it gives up and reports Fatal.
	DefaultMaxSkip = 64 << 20
	// literalMinusMax is RFC 7888 §4's limit for {n+} under LITERAL-.
	literalMinusMax = 4096
)

// LiteralInfo describes a literal the client announced, before any of its
// octets are read (so nothing is allocated or continued yet).
type LiteralInfo struct {
	// Command is the command read so far: Tag, Name, UID and the text up
	// to and including this literal's header. Its Decoder works on that
	// prefix, so the engine can check, say, APPEND's mailbox before it
	// agrees to take the message.
	Command *Command
	Index   int   // 0 for the command's first literal
	Size    int64 // announced octets
	NonSync bool  // {n+} (RFC 7888): the octets follow without a continuation
	Binary  bool  // ~{n} literal8 (RFC 3516): may contain NUL
}

// ReaderOptions are a Reader's limits and hooks. The engine may change them
// between commands (Reader.SetOptions), e.g. once LITERAL+ is offered.
type ReaderOptions struct {
	MaxLine     int   // non-literal octets per command (DefaultMaxLine)
	MaxLiteral  int64 // octets of one literal kept in memory (DefaultMaxLiteral)
	MaxLiterals int   // literals per command (DefaultMaxLiterals)
	MaxCommand  int64 // text plus in-memory literal octets per command (DefaultMaxCommand)
	MaxSkip     int64 // largest refused {n+} literal skipped rather than Fatal (DefaultMaxSkip)

	// LiteralPlus accepts {n+} of any size (LITERAL+); otherwise only up to
	// 4096 octets (LITERAL-, RFC 7888 §4, which IMAP4rev2 includes).
	LiteralPlus bool

	// Continue is called before the octets of an accepted synchronising
	// literal are read; the engine sends "+ Ready" and flushes. It is
	// never called for a literal that is refused. A non-nil error ends
	// ReadCommand with that error.
	Continue func() error

	// Literal, if set, sees every literal before it is accepted. It may
	// return a writer to stream the octets to (an APPEND message going to
	// a temporary file: the literal then counts against no memory limit
	// and Literal.Streamed is true), nil to keep it in memory within
	// MaxLiteral, or an error to refuse it (an APPEND over the
	// APPENDLIMIT, a missing mailbox): ReadCommand then returns a
	// *LiteralError wrapping it, and nothing was sent to the client.
	Literal func(info LiteralInfo) (io.Writer, error)
}

func (o ReaderOptions) withDefaults() ReaderOptions {
	if o.MaxLine <= 0 {
		o.MaxLine = DefaultMaxLine
	}
	if o.MaxLiteral <= 0 {
		o.MaxLiteral = DefaultMaxLiteral
	}
	if o.MaxLiterals <= 0 {
		o.MaxLiterals = DefaultMaxLiterals
	}
	if o.MaxCommand <= 0 {
		o.MaxCommand = DefaultMaxCommand
	}
	if o.MaxSkip <= 0 {
		o.MaxSkip = DefaultMaxSkip
	}
	return o
}
