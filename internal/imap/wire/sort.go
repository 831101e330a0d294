package wire

// SortKey is one sort criterion of RFC 5256 §3 (with RFC 5957's
// DISPLAYFROM and DISPLAYTO).
type SortKey struct {
	Key     string // ARRIVAL, CC, DATE, FROM, SIZE, SUBJECT, TO, DISPLAYFROM, DISPLAYTO
	Reverse bool
}

// Sort is a parsed SORT or UID SORT command.
type Sort struct {
	// Search carries the RETURN options (ESORT, RFC 5267), the charset
	// and the search program; Search.ESearch is set when RETURN was given.
	Search
	Keys []SortKey
}

// sortKeys are the keys Corvus sorts by.
var sortKeys = map[string]bool{
	"ARRIVAL": true, "CC": true, "DATE": true, "FROM": true, "SIZE": true,
	"SUBJECT": true, "TO": true, "DISPLAYFROM": true, "DISPLAYTO": true,
}

// ParseSort parses SORT's arguments: [SP "RETURN" SP "(" ... ")"] SP
// sort-criteria SP charset 1*(SP search-key) (RFC 5256 §5, RFC 5267 §3).
// Unlike SEARCH, the charset is not optional.
func ParseSort(d *Decoder) (*Sort, error) {
	s := &Sort{}
	if err := d.SP(); err != nil {
		return nil, err
	}
	if d.ConsumeFold("RETURN") {
		if err := d.searchReturn(&s.Search); err != nil {
			return nil, err
		}
		if err := d.SP(); err != nil {
			return nil, err
		}
	}
	err := d.ParenList(false, func() error {
		k := SortKey{}
		if d.ConsumeFold("REVERSE") {
			if err := d.SP(); err != nil {
				return err
			}
			k.Reverse = true
		}
		k.Key = d.keyword()
		if !sortKeys[k.Key] {
			return d.errorf("unknown sort key %q", k.Key)
		}
		s.Keys = append(s.Keys, k)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := d.SP(); err != nil {
		return nil, err
	}
	if s.Charset, err = d.charset(); err != nil {
		return nil, err
	}
	if err := d.SP(); err != nil {
		return nil, err
	}
	for {
		k, err := d.searchKey(0)
		if err != nil {
			return nil, err
		}
		s.Criteria.and(k)
		if d.AtEnd() {
			return s, nil
		}
		if err := d.SP(); err != nil {
			return nil, err
		}
	}
}

// Sort writes "* SORT n..." (RFC 5256 §4).
func (w *Writer) Sort(nums []uint32) {
	w.untagged()
	w.Raw("SORT")
	for _, n := range nums {
		w.SP()
		w.Number(uint64(n))
	}
	w.CRLF()
}
