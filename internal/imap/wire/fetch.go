package wire

import "github.com/emersion/go-imap/v2"

// Fetch is a parsed FETCH or UID FETCH command.
type Fetch struct {
	NumSet imap.NumSet // typed by the command: UIDSet under UID
	// Options holds every item imap.FetchOptions can express, and the
	// CHANGEDSINCE modifier (RFC 7162). BodyStructure is set for BODY and
	// for BODYSTRUCTURE; its Extended field reports BODYSTRUCTURE.
	Options imap.FetchOptions

	// Body is the non-extensible BODY item, to be answered as "BODY (...)"
	// even if BODYSTRUCTURE was asked as well.
	Body bool
	// RFC822 items (RFC 3501 §6.4.5) mean BODY[], BODY.PEEK[HEADER] and
	// BODY[TEXT] but are answered under their own names, so they are kept
	// apart rather than folded into Options.BodySection.
	RFC822, RFC822Header, RFC822Text bool
	SaveDate                         bool // RFC 8514
	EmailID, ThreadID                bool // RFC 8474
	Preview, PreviewLazy             bool // RFC 8970 PREVIEW [(LAZY)]
	Vanished                         bool // RFC 7162 VANISHED modifier (UID FETCH only)
}

// ParseFetch parses FETCH's arguments: SP sequence-set SP (macro /
// fetch-att / "(" fetch-att *(SP fetch-att) ")") [SP "(" fetch-modifier
// *(SP fetch-modifier) ")"] (RFC 9051 §9, RFC 7162 §3.1.4 and §3.2.6).
func ParseFetch(d *Decoder) (*Fetch, error) {
	f := &Fetch{}
	if err := d.SP(); err != nil {
		return nil, err
	}
	set, err := d.NumSet()
	if err != nil {
		return nil, err
	}
	f.NumSet = set
	if err := d.SP(); err != nil {
		return nil, err
	}
	if err := d.fetchAtts(f); err != nil {
		return nil, err
	}
	if !d.AtEnd() {
		if err := d.fetchModifiers(f); err != nil {
			return nil, err
		}
	}
	if f.Vanished && (!d.cmd.UID || f.Options.ChangedSince == 0) {
		// RFC 7162 §3.2.6: VANISHED needs UID FETCH and CHANGEDSINCE.
		return nil, d.errorf("VANISHED requires UID FETCH with CHANGEDSINCE")
	}
	return f, d.End()
}

// fetchAtts reads a macro, one fetch-att or a parenthesised list.
func (d *Decoder) fetchAtts(f *Fetch) error {
	if d.Peek() == '(' {
		return d.ParenList(false, func() error { return d.fetchAtt(f) })
	}
	o := &f.Options
	switch {
	case d.ConsumeFold("ALL"): // RFC 9051 §6.4.5 macros
		o.Flags, o.InternalDate, o.RFC822Size, o.Envelope = true, true, true, true
	case d.ConsumeFold("FAST"):
		o.Flags, o.InternalDate, o.RFC822Size = true, true, true
	case d.ConsumeFold("FULL"):
		o.Flags, o.InternalDate, o.RFC822Size, o.Envelope = true, true, true, true
		d.fetchBody(f)
	default:
		return d.fetchAtt(f)
	}
	return nil
}

// fetchBody records the BODY item.
func (d *Decoder) fetchBody(f *Fetch) {
	f.Body = true
	if f.Options.BodyStructure == nil {
		f.Options.BodyStructure = &imap.FetchItemBodyStructure{}
	}
}

// fetchAtt reads one fetch-att.
func (d *Decoder) fetchAtt(f *Fetch) error {
	o := &f.Options
	switch name := d.keyword(); name {
	case "ENVELOPE":
		o.Envelope = true
	case "FLAGS":
		o.Flags = true
	case "INTERNALDATE":
		o.InternalDate = true
	case "RFC822":
		f.RFC822 = true
	case "RFC822.HEADER":
		f.RFC822Header = true
	case "RFC822.SIZE":
		o.RFC822Size = true
	case "RFC822.TEXT":
		f.RFC822Text = true
	case "UID":
		o.UID = true
	case "BODYSTRUCTURE":
		o.BodyStructure = &imap.FetchItemBodyStructure{Extended: true}
	case "MODSEQ":
		o.ModSeq = true
	case "SAVEDATE":
		f.SaveDate = true
	case "EMAILID":
		f.EmailID = true
	case "THREADID":
		f.ThreadID = true
	case "PREVIEW":
		return d.fetchPreview(f)
	case "BODY", "BODY.PEEK":
		if d.Peek() != '[' {
			if name == "BODY.PEEK" {
				return d.errorf("expected section after BODY.PEEK")
			}
			d.fetchBody(f)
			return nil
		}
		return d.fetchBodySection(f, name == "BODY.PEEK")
	case "BINARY", "BINARY.PEEK", "BINARY.SIZE":
		return d.fetchBinary(f, name)
	case "":
		return d.errorf("expected fetch attribute")
	default:
		return d.errorf("unknown fetch attribute %s", name)
	}
	return nil
}

// fetchPreview reads RFC 8970's PREVIEW [SP "(" preview-mod *(SP ...) ")"].
func (d *Decoder) fetchPreview(f *Fetch) error {
	f.Preview = true
	if d.Peek() != ' ' || d.pos+1 >= len(d.text) || d.text[d.pos+1] != '(' {
		return nil
	}
	// "FETCH 1 PREVIEW (CHANGEDSINCE 5)" has fetch modifiers, not
	// preview modifiers: only LAZY starts the latter.
	save := d.pos
	d.pos += 2
	lazy := d.keyword() == "LAZY"
	d.pos = save
	if !lazy {
		return nil
	}
	d.pos++
	return d.ParenList(false, func() error {
		if !d.ConsumeFold("LAZY") {
			return d.errorf("unknown PREVIEW modifier")
		}
		f.PreviewLazy = true
		return nil
	})
}

// fetchModifiers reads SP "(" fetch-modifier *(SP fetch-modifier) ")".
func (d *Decoder) fetchModifiers(f *Fetch) error {
	if err := d.SP(); err != nil {
		return err
	}
	return d.ParenList(false, func() error {
		switch m := d.keyword(); m {
		case "CHANGEDSINCE":
			if err := d.SP(); err != nil {
				return err
			}
			n, err := d.NzNumber64()
			f.Options.ChangedSince = n
			return err
		case "VANISHED":
			f.Vanished = true
			return nil
		default:
			return d.errorf("unknown fetch modifier %q", m)
		}
	})
}
