package wire

import "github.com/emersion/go-imap/v2"

// ParseEnable parses ENABLE's arguments: 1*(SP capability) (RFC 5161 §4).
// Capability names are returned as sent; compare them case-insensitively.
func ParseEnable(d *Decoder) ([]imap.Cap, error) {
	var caps []imap.Cap
	for !d.AtEnd() || len(caps) == 0 {
		if err := d.SP(); err != nil {
			return nil, err
		}
		a, err := d.Atom()
		if err != nil {
			return nil, d.errorf("expected capability")
		}
		caps = append(caps, imap.Cap(a))
	}
	return caps, nil
}
