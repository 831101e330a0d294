package wire

import (
	"math"
	"strconv"
)

// GetMetadata is a parsed GETMETADATA command (RFC 5464 §4.2).
type GetMetadata struct {
	MaxSize int64 // MAXSIZE; 0 when not given
	// Depth is DEPTH: 0, 1, or -1 for "infinity".
	Depth   int
	Mailbox []byte
	Entries []string
}

// MetadataValue is one entry of SETMETADATA: a nil Value removes it.
type MetadataValue struct {
	Entry string
	Value []byte
}

// SetMetadata is a parsed SETMETADATA command (RFC 5464 §4.3).
type SetMetadata struct {
	Mailbox []byte
	Values  []MetadataValue
}

// ParseGetMetadata parses GETMETADATA's arguments: [SP "(" option *(SP
// option) ")"] SP mailbox SP (entry / "(" entry *(SP entry) ")").
func ParseGetMetadata(d *Decoder) (*GetMetadata, error) {
	g := &GetMetadata{}
	if err := d.SP(); err != nil {
		return nil, err
	}
	if d.Peek() == '(' {
		if err := d.ParenList(false, func() error { return d.metadataOption(g) }); err != nil {
			return nil, err
		}
		if err := d.SP(); err != nil {
			return nil, err
		}
	}
	mbox, err := d.Mailbox()
	if err != nil {
		return nil, err
	}
	g.Mailbox = mbox
	if err := d.SP(); err != nil {
		return nil, err
	}
	entry := func() error {
		e, err := d.Astring()
		g.Entries = append(g.Entries, e)
		return err
	}
	if d.Peek() == '(' {
		err = d.ParenList(false, entry)
	} else {
		err = entry()
	}
	if err != nil {
		return nil, err
	}
	return g, d.End()
}

// metadataOption reads MAXSIZE n or DEPTH (0 / 1 / infinity).
func (d *Decoder) metadataOption(g *GetMetadata) error {
	switch opt := d.keyword(); opt {
	case "MAXSIZE":
		if err := d.SP(); err != nil {
			return err
		}
		n, err := d.Number64()
		if err != nil {
			return err
		}
		g.MaxSize = int64(min(n, math.MaxInt64))
	case "DEPTH":
		if err := d.SP(); err != nil {
			return err
		}
		switch v := d.keyword(); v {
		case "0":
			g.Depth = 0
		case "1":
			g.Depth = 1
		case "INFINITY":
			g.Depth = -1
		default:
			return d.errorf("DEPTH must be 0, 1 or infinity, not %q", v)
		}
	default:
		return d.errorf("unknown GETMETADATA option %q", opt)
	}
	return nil
}

// ParseSetMetadata parses SETMETADATA's arguments: SP mailbox SP "("
// entry SP value *(SP entry SP value) ")", a value being an nstring or a
// literal8.
func ParseSetMetadata(d *Decoder) (*SetMetadata, error) {
	s := &SetMetadata{}
	if err := d.SP(); err != nil {
		return nil, err
	}
	mbox, err := d.Mailbox()
	if err != nil {
		return nil, err
	}
	s.Mailbox = mbox
	if err := d.SP(); err != nil {
		return nil, err
	}
	err = d.ParenList(false, func() error {
		e, err := d.Astring()
		if err != nil {
			return err
		}
		if err := d.SP(); err != nil {
			return err
		}
		v, err := d.metadataValue()
		s.Values = append(s.Values, MetadataValue{Entry: e, Value: v})
		return err
	})
	if err != nil {
		return nil, err
	}
	return s, d.End()
}

// metadataValue reads NIL (nil), a quoted string or a literal (possibly
// literal8, RFC 5464 §5.4), never nil for a string.
func (d *Decoder) metadataValue() ([]byte, error) {
	if d.ConsumeFold("NIL") {
		return nil, nil
	}
	if d.atLiteral() {
		lit, err := d.Literal(true)
		if err != nil {
			return nil, err
		}
		if lit.Data == nil {
			return []byte{}, nil
		}
		return lit.Data, nil
	}
	b, err := d.quoted()
	if b == nil && err == nil {
		b = []byte{}
	}
	return b, err
}

// Metadata writes "* METADATA mailbox (entry value ...)" (RFC 5464 §4.4.1).
func (w *Writer) Metadata(mailbox string, entries []MetadataValue) {
	w.untagged()
	w.Raw("METADATA ")
	w.MailboxName(mailbox)
	w.Raw(" (")
	for i, e := range entries {
		if i > 0 {
			w.SP()
		}
		w.AString(e.Entry)
		w.SP()
		if e.Value == nil {
			w.NIL()
			continue
		}
		w.Str(string(e.Value))
	}
	w.Raw(")")
	w.CRLF()
}

// MetadataLongEntriesCode is [METADATA LONGENTRIES n] (RFC 5464 §4.2.1):
// entries larger than MAXSIZE were left out, the largest being n octets.
func MetadataLongEntriesCode(n int64) Code {
	return Code{CodeNameMetadata, " LONGENTRIES " + strconv.FormatInt(n, 10)}
}
