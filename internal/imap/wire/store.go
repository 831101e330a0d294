package wire

import "github.com/emersion/go-imap/v2"

// Store is a parsed STORE or UID STORE command.
type Store struct {
	NumSet imap.NumSet
	Flags  imap.StoreFlags
	// UnchangedSince is RFC 7162's UNCHANGEDSINCE modifier; it is set
	// (HasUnchangedSince) even when 0, which is valid and means "fail
	// for every message that has a mod-sequence".
	UnchangedSince    uint64
	HasUnchangedSince bool
}

// Options returns the modifiers as imap.StoreOptions (which cannot tell
// UNCHANGEDSINCE 0 from none; use HasUnchangedSince for that).
func (s *Store) Options() imap.StoreOptions {
	return imap.StoreOptions{UnchangedSince: s.UnchangedSince}
}

// ParseStore parses STORE's arguments: SP sequence-set [SP "("
// store-modifier *(SP store-modifier) ")"] SP store-att-flags, where
// store-att-flags = (["+" / "-"] "FLAGS" [".SILENT"]) SP (flag-list /
// (flag *(SP flag))) (RFC 9051 §9, RFC 7162 §3.1.3).
func ParseStore(d *Decoder) (*Store, error) {
	s := &Store{}
	if err := d.SP(); err != nil {
		return nil, err
	}
	set, err := d.NumSet()
	if err != nil {
		return nil, err
	}
	s.NumSet = set
	if err := d.SP(); err != nil {
		return nil, err
	}
	if d.Peek() == '(' {
		if err := d.storeModifiers(s); err != nil {
			return nil, err
		}
		if err := d.SP(); err != nil {
			return nil, err
		}
	}
	if err := d.storeAttFlags(s); err != nil {
		return nil, err
	}
	return s, d.End()
}

// storeModifiers reads "(" store-modifier *(SP store-modifier) ")".
func (d *Decoder) storeModifiers(s *Store) error {
	return d.ParenList(false, func() error {
		if !d.ConsumeFold("UNCHANGEDSINCE") {
			return d.errorf("unknown store modifier")
		}
		if err := d.SP(); err != nil {
			return err
		}
		n, err := d.Number64()
		s.UnchangedSince, s.HasUnchangedSince = n, true
		return err
	})
}

// storeAttFlags reads store-att-flags.
func (d *Decoder) storeAttFlags(s *Store) error {
	switch {
	case d.Consume('+'):
		s.Flags.Op = imap.StoreFlagsAdd
	case d.Consume('-'):
		s.Flags.Op = imap.StoreFlagsDel
	default:
		s.Flags.Op = imap.StoreFlagsSet
	}
	switch d.keyword() {
	case "FLAGS":
	case "FLAGS.SILENT":
		s.Flags.Silent = true
	default:
		return d.errorf("expected FLAGS or FLAGS.SILENT")
	}
	if err := d.SP(); err != nil {
		return err
	}
	if d.Peek() == '(' {
		flags, err := d.FlagList()
		s.Flags.Flags = flags
		return err
	}
	for {
		f, err := d.Flag()
		if err != nil {
			return err
		}
		s.Flags.Flags = append(s.Flags.Flags, f)
		if !d.Consume(' ') {
			return nil
		}
	}
}
