package wire

import "github.com/emersion/go-imap/v2"

// NumSet reads a sequence-set typed for the command: an imap.UIDSet under
// UID, otherwise an imap.SeqSet; "$" (RFC 5182 SEARCHRES) gives
// imap.SearchRes() either way, which the engine tests with
// imap.IsSearchRes.
func (d *Decoder) NumSet() (imap.NumSet, error) {
	if d.cmd.UID {
		return d.UIDSet()
	}
	if d.Consume('$') {
		return imap.SearchRes(), nil
	}
	return d.SeqSet()
}

// SeqSet reads a sequence-set of message sequence numbers, without "$".
func (d *Decoder) SeqSet() (imap.SeqSet, error) {
	var s imap.SeqSet
	err := d.ranges(func(a, b uint32) { s.AddRange(a, b) })
	return s, err
}

// UIDSet reads a sequence-set of UIDs; "$" gives imap.SearchRes().
func (d *Decoder) UIDSet() (imap.UIDSet, error) {
	if d.Consume('$') {
		return imap.SearchRes(), nil
	}
	var s imap.UIDSet
	err := d.ranges(func(a, b uint32) { s.AddRange(imap.UID(a), imap.UID(b)) })
	return s, err
}

// ranges reads (seq-number / seq-range) *("," ...) and reports each range
// with "*" as 0, as the imap package represents it. RFC 5182 lets "$"
// stand for a whole sequence-set; mixing it with numbers ("1,$") cannot
// be represented in imap.NumSet and is refused.
func (d *Decoder) ranges(add func(a, b uint32)) error {
	for {
		a, err := d.seqNumber()
		if err != nil {
			return err
		}
		b := a
		if d.Consume(':') {
			if b, err = d.seqNumber(); err != nil {
				return err
			}
		}
		add(a, b)
		if !d.Consume(',') {
			return nil
		}
	}
}

// seqNumber reads nz-number / "*" (0).
func (d *Decoder) seqNumber() (uint32, error) {
	if d.Consume('*') {
		return 0, nil
	}
	if d.Peek() == '$' {
		return 0, d.errorf("\"$\" must stand alone as a sequence set")
	}
	return d.NzNumber()
}
