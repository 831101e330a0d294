package wire

import (
	"strings"

	"github.com/emersion/go-imap/v2"
)

// fetchBodySection reads section [partial] after BODY or BODY.PEEK.
func (d *Decoder) fetchBodySection(f *Fetch, peek bool) error {
	sec := &imap.FetchItemBodySection{Peek: peek}
	if err := d.section(sec); err != nil {
		return err
	}
	p, err := d.partial()
	sec.Partial = p
	f.Options.BodySection = append(f.Options.BodySection, sec)
	return err
}

// fetchBinary reads section-binary [partial] after BINARY / BINARY.PEEK,
// or section-binary after BINARY.SIZE (RFC 3516 §6).
func (d *Decoder) fetchBinary(f *Fetch, name string) error {
	if err := d.Expect('['); err != nil {
		return err
	}
	var part []int
	if d.Peek() != ']' {
		var err error
		if part, err = d.sectionPart(); err != nil {
			return err
		}
	}
	if err := d.Expect(']'); err != nil {
		return err
	}
	if name == "BINARY.SIZE" {
		f.Options.BinarySectionSize = append(f.Options.BinarySectionSize, &imap.FetchItemBinarySectionSize{Part: part})
		return nil
	}
	p, err := d.partial()
	f.Options.BinarySection = append(f.Options.BinarySection,
		&imap.FetchItemBinarySection{Part: part, Partial: p, Peek: name == "BINARY.PEEK"})
	return err
}

// section reads "[" [section-spec] "]" where section-spec =
// section-msgtext / (section-part ["." section-text]).
func (d *Decoder) section(sec *imap.FetchItemBodySection) error {
	if err := d.Expect('['); err != nil {
		return err
	}
	if d.Consume(']') {
		return nil
	}
	if c := d.Peek(); c >= '1' && c <= '9' {
		part, err := d.sectionPart()
		if err != nil {
			return err
		}
		sec.Part = part
		if d.Consume(']') {
			return nil
		}
		if err := d.Expect('.'); err != nil {
			return err
		}
	}
	if err := d.sectionText(sec); err != nil {
		return err
	}
	return d.Expect(']')
}

// sectionPart reads nz-number *("." nz-number), leaving a "." that is
// followed by section-text.
func (d *Decoder) sectionPart() ([]int, error) {
	var part []int
	for {
		n, err := d.NzNumber()
		if err != nil {
			return nil, err
		}
		part = append(part, int(n))
		if d.Peek() != '.' || d.pos+1 >= len(d.text) {
			return part, nil
		}
		if c := d.text[d.pos+1]; c < '0' || c > '9' {
			return part, nil
		}
		d.pos++
	}
}

// sectionText reads section-msgtext / "MIME"; MIME only after a part.
func (d *Decoder) sectionText(sec *imap.FetchItemBodySection) error {
	switch kw := d.keyword(); kw {
	case "HEADER":
		sec.Specifier = imap.PartSpecifierHeader
	case "TEXT":
		sec.Specifier = imap.PartSpecifierText
	case "MIME":
		if len(sec.Part) == 0 {
			return d.errorf("MIME needs a part number")
		}
		sec.Specifier = imap.PartSpecifierMIME
	case "HEADER.FIELDS", "HEADER.FIELDS.NOT":
		sec.Specifier = imap.PartSpecifierHeader
		if err := d.SP(); err != nil {
			return err
		}
		list, err := d.headerList()
		if kw == "HEADER.FIELDS" {
			sec.HeaderFields = list
		} else {
			sec.HeaderFieldsNot = list
		}
		return err
	default:
		return d.errorf("invalid section %q", kw)
	}
	return nil
}

// headerList reads "(" header-fld-name *(SP header-fld-name) ")".
func (d *Decoder) headerList() ([]string, error) {
	var list []string
	err := d.ParenList(false, func() error {
		s, err := d.Astring()
		if err == nil && (s == "" || strings.ContainsAny(s, ": \t\r\n")) {
			err = d.errorf("invalid header field name")
		}
		list = append(list, s)
		return err
	})
	return list, err
}

// partial reads an optional "<" number64 "." nz-number64 ">".
func (d *Decoder) partial() (*imap.SectionPartial, error) {
	if !d.Consume('<') {
		return nil, nil
	}
	off, err := d.Number64()
	if err != nil {
		return nil, err
	}
	if err := d.Expect('.'); err != nil {
		return nil, err
	}
	size, err := d.NzNumber64()
	if err != nil {
		return nil, err
	}
	if err := d.Expect('>'); err != nil {
		return nil, err
	}
	return &imap.SectionPartial{Offset: int64(off), Size: int64(size)}, nil
}
