package wire

// Literal is one literal argument of a command, in the order sent.
type Literal struct {
	Data     []byte // the octets; nil when Streamed
	Size     int64  // announced (and read) octets
	Binary   bool   // sent as literal8 "~{n}" (RFC 3516)
	NonSync  bool   // sent as "{n+}" (RFC 7888)
	Streamed bool   // the octets went to the Literal hook's writer
}

// litRef places a literal in a command's text: text[start:end] is its
// header ("{5}", "{5+}", "~{5}"), and the octets follow it logically.
type litRef struct {
	start, end int
	lit        Literal
}

// Command is one framed client command. Parsing its arguments (through
// Decoder and the Parse functions) does no I/O, so it is pure and can be
// fuzzed.
type Command struct {
	Tag  string // as sent
	Name string // upper case; for "UID FETCH" it is "FETCH" and UID is set
	UID  bool   // RFC 3501 §6.4.8: the command was prefixed with UID

	text []byte // every line without its CRLF, literal headers in place
	args int    // offset in text where the arguments start (at their SP)
	lits []litRef
}

// Literals returns the command's literals in order.
func (c *Command) Literals() []Literal {
	out := make([]Literal, len(c.lits))
	for i, l := range c.lits {
		out[i] = l.lit
	}
	return out
}

// Text returns the command's text without literal octets: literal
// headers stand in their place. It is what a telemetry tap or an error
// message may quote.
func (c *Command) Text() []byte { return c.text }

// Decoder returns a decoder positioned at the command's arguments, i.e. at
// the SP that precedes the first one (or at the end if there are none).
func (c *Command) Decoder() *Decoder {
	return &Decoder{cmd: c, text: c.text, pos: c.args}
}
