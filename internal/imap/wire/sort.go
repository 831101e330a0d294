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
	return s, d.searchProgram(&s.Criteria)
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

// Thread is a parsed THREAD or UID THREAD command (RFC 5256 §5).
type Thread struct {
	Algorithm string // ORDEREDSUBJECT or REFERENCES
	Charset   string
	Criteria  Criteria
}

// ParseThread parses THREAD's arguments: SP thread-alg SP charset
// 1*(SP search-key).
func ParseThread(d *Decoder) (*Thread, error) {
	t := &Thread{}
	if err := d.SP(); err != nil {
		return nil, err
	}
	t.Algorithm = d.keyword()
	if t.Algorithm != "ORDEREDSUBJECT" && t.Algorithm != "REFERENCES" {
		return nil, d.errorf("unknown threading algorithm %q", t.Algorithm)
	}
	if err := d.SP(); err != nil {
		return nil, err
	}
	var err error
	if t.Charset, err = d.charset(); err != nil {
		return nil, err
	}
	if err := d.SP(); err != nil {
		return nil, err
	}
	return t, d.searchProgram(&t.Criteria)
}

// ThreadNode is one message of a THREAD response; Num 0 is a message
// that is missing (a parent only known by reference), which the response
// leaves out while keeping its children together (RFC 5256 §4).
type ThreadNode struct {
	Num      uint32
	Children []*ThreadNode
}

// Thread writes "* THREAD" and one parenthesised list per thread.
func (w *Writer) Thread(roots []*ThreadNode) {
	w.untagged()
	w.Raw("THREAD")
	if len(roots) > 0 {
		w.SP()
	}
	for _, r := range roots {
		w.Raw("(")
		w.threadNode(r)
		w.Raw(")")
	}
	w.CRLF()
}

// threadNode writes a node and its descendants: a chain of single
// children as "a b c", several children each in parentheses.
func (w *Writer) threadNode(n *ThreadNode) {
	sep := ""
	for {
		if n.Num != 0 {
			w.Raw(sep)
			w.Number(uint64(n.Num))
			sep = " "
		}
		if len(n.Children) != 1 {
			break
		}
		n = n.Children[0]
	}
	if len(n.Children) > 1 {
		w.Raw(sep)
		for _, c := range n.Children {
			w.Raw("(")
			w.threadNode(c)
			w.Raw(")")
		}
	}
}
