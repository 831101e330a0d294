package wire

import (
	"github.com/emersion/go-imap/v2"
)

// Append is a parsed APPEND command; MULTIAPPEND (RFC 3502) gives more
// than one message.
type Append struct {
	Mailbox  []byte
	Messages []AppendMessage
}

// AppendMessage is one message of an APPEND.
type AppendMessage struct {
	// Options: Flags is nil when no flag list was given; Time is zero
	// when no date-time was given.
	Options imap.AppendOptions
	// Literal holds the message. If Streamed, the octets went to the
	// writer the Reader's Literal hook returned for literal number Index.
	// It is nil for a CATENATE append.
	Literal *Literal
	Index   int  // the literal's position among the command's literals
	UTF8    bool // sent as UTF8 (literal8), RFC 6855 §4
	// Catenate holds the parts of a CATENATE append (RFC 4469), whose
	// message the server assembles; nil for a plain literal.
	Catenate []CatPart
}

// ParseAppend parses APPEND's arguments: SP mailbox 1*(append-opts SP
// append-data), append-opts = [SP flag-list] [SP date-time], append-data =
// literal / literal8 / "UTF8" SP "(" literal8 ")".
func ParseAppend(d *Decoder) (*Append, error) {
	a := &Append{}
	if err := d.SP(); err != nil {
		return nil, err
	}
	mbox, err := d.Mailbox()
	if err != nil {
		return nil, err
	}
	a.Mailbox = mbox
	for !d.AtEnd() || len(a.Messages) == 0 {
		m, err := d.appendMessage()
		if err != nil {
			return nil, err
		}
		a.Messages = append(a.Messages, *m)
	}
	return a, nil
}

// appendMessage reads [SP flag-list] [SP date-time] SP append-data.
func (d *Decoder) appendMessage() (*AppendMessage, error) {
	m := &AppendMessage{}
	if err := d.SP(); err != nil {
		return nil, err
	}
	if d.Peek() == '(' {
		flags, err := d.FlagList()
		if err != nil {
			return nil, err
		}
		m.Options.Flags = flags
		if err := d.SP(); err != nil {
			return nil, err
		}
	}
	if d.Peek() == '"' {
		t, err := d.DateTime()
		if err != nil {
			return nil, err
		}
		m.Options.Time = t
		if err := d.SP(); err != nil {
			return nil, err
		}
	}
	if d.ConsumeFold("CATENATE") {
		return m, d.catenate(m)
	}
	if d.ConsumeFold("UTF8") {
		m.UTF8 = true
		if err := d.SP(); err != nil {
			return nil, err
		}
		if err := d.Expect('('); err != nil {
			return nil, err
		}
	}
	m.Index = d.lit
	lit, err := d.Literal(true)
	if err != nil {
		return nil, err
	}
	m.Literal = lit
	if m.UTF8 {
		if !lit.Binary {
			return nil, d.errorf("UTF8 append data must be a literal8")
		}
		if err := d.Expect(')'); err != nil {
			return nil, err
		}
	}
	return m, nil
}
