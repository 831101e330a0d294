package wire

import "github.com/emersion/go-imap/v2"

// Select is a parsed SELECT or EXAMINE command.
type Select struct {
	Mailbox []byte
	// Options: ReadOnly for EXAMINE, CondStore for the CONDSTORE
	// parameter (RFC 7162 §3.1.8).
	Options imap.SelectOptions
	// QResync is the QRESYNC parameter (RFC 7162 §3.2.5), nil if absent.
	QResync *QResync
}

// QResync holds SELECT's QRESYNC parameter: (uidvalidity modseq
// [known-uids] [(known-sequence-set known-uid-set)]).
type QResync struct {
	UIDValidity uint32
	ModSeq      uint64
	KnownUIDs   imap.UIDSet // nil if absent
	SeqMatch    *SeqMatch   // nil if absent
}

// SeqMatch is QRESYNC's seq-match-data: message numbers and the UIDs the
// client believes they have.
type SeqMatch struct {
	SeqNums imap.SeqSet
	UIDs    imap.UIDSet
}

// ParseSelect parses SELECT's (or, with readOnly, EXAMINE's) arguments:
// SP mailbox [SP "(" select-param *(SP select-param) ")"].
func ParseSelect(d *Decoder, readOnly bool) (*Select, error) {
	s := &Select{Options: imap.SelectOptions{ReadOnly: readOnly}}
	if err := d.SP(); err != nil {
		return nil, err
	}
	mbox, err := d.Mailbox()
	if err != nil {
		return nil, err
	}
	s.Mailbox = mbox
	if d.Consume(' ') {
		err := d.ParenList(false, func() error { return d.selectParam(s) })
		if err != nil {
			return nil, err
		}
	}
	return s, d.End()
}

// selectParam reads one select-param.
func (d *Decoder) selectParam(s *Select) error {
	switch p := d.keyword(); p {
	case "CONDSTORE":
		s.Options.CondStore = true
		return nil
	case "QRESYNC":
		if s.QResync != nil {
			return d.errorf("QRESYNC given twice")
		}
		if err := d.SP(); err != nil {
			return err
		}
		q, err := d.qresync()
		s.QResync = q
		return err
	default:
		return d.errorf("unknown select parameter %q", p)
	}
}

// qresync reads "(" uidvalidity SP mod-sequence-value [SP known-uids]
// [SP seq-match-data] ")".
func (d *Decoder) qresync() (*QResync, error) {
	q := &QResync{}
	if err := d.Expect('('); err != nil {
		return nil, err
	}
	v, err := d.NzNumber()
	if err != nil {
		return nil, err
	}
	q.UIDValidity = v
	if err := d.SP(); err != nil {
		return nil, err
	}
	if q.ModSeq, err = d.NzNumber64(); err != nil {
		return nil, err
	}
	sp := d.Consume(' ')
	if sp && d.Peek() != '(' {
		if q.KnownUIDs, err = d.knownUIDs(); err != nil {
			return nil, err
		}
		sp = d.Consume(' ')
	}
	if sp {
		if q.SeqMatch, err = d.seqMatch(); err != nil {
			return nil, err
		}
	}
	return q, d.Expect(')')
}

// knownUIDs reads a sequence-set of UIDs where "*" and "$" are not allowed
// (RFC 7162 §3.2.5).
func (d *Decoder) knownUIDs() (imap.UIDSet, error) {
	start := d.pos
	var s imap.UIDSet
	err := d.ranges(func(a, b uint32) { s.AddRange(imap.UID(a), imap.UID(b)) })
	if err == nil && s.Dynamic() {
		d.pos = start
		return nil, d.errorf("\"*\" not allowed in known UIDs")
	}
	return s, err
}

// seqMatch reads "(" known-sequence-set SP known-uid-set ")".
func (d *Decoder) seqMatch() (*SeqMatch, error) {
	if err := d.Expect('('); err != nil {
		return nil, err
	}
	m := &SeqMatch{}
	var err error
	if m.SeqNums, err = d.SeqSet(); err != nil {
		return nil, err
	}
	if err := d.SP(); err != nil {
		return nil, err
	}
	if m.UIDs, err = d.knownUIDs(); err != nil {
		return nil, err
	}
	return m, d.Expect(')')
}
