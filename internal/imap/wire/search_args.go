package wire

import (
	"time"

	"github.com/emersion/go-imap/v2"
)

// searchKeyword reads KEYWORD / UNKEYWORD flag-keyword.
func (d *Decoder) searchKeyword(key string) (Criteria, error) {
	var c Criteria
	if err := d.SP(); err != nil {
		return c, err
	}
	a, err := d.Atom()
	if key == "KEYWORD" {
		c.Flag = []imap.Flag{imap.Flag(a)}
	} else {
		c.NotFlag = []imap.Flag{imap.Flag(a)}
	}
	return c, err
}

// searchWithin reads RFC 5032's OLDER / YOUNGER nz-number.
func (d *Decoder) searchWithin(key string) (Criteria, error) {
	var c Criteria
	if err := d.SP(); err != nil {
		return c, err
	}
	n, err := d.NzNumber()
	if key == "OLDER" {
		c.Older = n
	} else {
		c.Younger = n
	}
	return c, err
}

// searchObjectID reads RFC 8474's EMAILID / THREADID objectid.
func (d *Decoder) searchObjectID(key string) (Criteria, error) {
	var c Criteria
	if err := d.SP(); err != nil {
		return c, err
	}
	id, err := d.ObjectID()
	if key == "EMAILID" {
		c.EmailID = []string{id}
	} else {
		c.ThreadID = []string{id}
	}
	return c, err
}

// searchSize reads LARGER/SMALLER number64. SMALLER 0 matches nothing,
// which imap.SearchCriteria (where 0 means unset) cannot say directly.
func (d *Decoder) searchSize(key string) (Criteria, error) {
	var c Criteria
	if err := d.SP(); err != nil {
		return c, err
	}
	n, err := d.Number64()
	if err != nil {
		return c, err
	}
	switch {
	case key == "LARGER":
		c.Larger = int64(n)
	case n == 0:
		return matchNothing(), nil
	default:
		c.Smaller = int64(n)
	}
	return c, nil
}

// searchDateKey reads the keys that take a date.
func (d *Decoder) searchDateKey(key string) (Criteria, error) {
	var c Criteria
	var since, before *time.Time
	switch key {
	case "BEFORE", "ON", "SINCE":
		since, before = &c.Since, &c.Before
	case "SENTBEFORE", "SENTON", "SENTSINCE":
		since, before = &c.SentSince, &c.SentBefore
		key = key[len("SENT"):]
	case "SAVEDBEFORE", "SAVEDON", "SAVEDSINCE": // RFC 8514 §4.3
		since, before = &c.SaveDateSince, &c.SaveDateBefore
		key = key[len("SAVED"):]
	case "":
		return c, d.errorf("expected search key")
	default:
		return c, d.errorf("unknown search key %s", key)
	}
	if err := d.SP(); err != nil {
		return c, err
	}
	t, err := d.Date()
	if err != nil {
		return c, err
	}
	switch key {
	case "BEFORE":
		*before = t
	case "ON":
		*since, *before = t, t.AddDate(0, 0, 1)
	case "SINCE":
		*since = t
	}
	return c, nil
}

// searchModSeq reads RFC 7162's search-modsequence: "MODSEQ"
// [SP entry-name SP entry-type-req] SP mod-sequence-valzer.
func (d *Decoder) searchModSeq() (Criteria, error) {
	var c Criteria
	if err := d.SP(); err != nil {
		return c, err
	}
	m := &imap.SearchCriteriaModSeq{}
	if d.Peek() == '"' {
		name, err := d.quoted()
		if err != nil {
			return c, err
		}
		if len(name) <= len("/flags/") || string(name[:len("/flags/")]) != "/flags/" {
			return c, d.errorf("invalid MODSEQ entry name")
		}
		m.MetadataName = string(name)
		if err := d.SP(); err != nil {
			return c, err
		}
		switch t := d.keyword(); t {
		case "ALL", "PRIV", "SHARED":
			m.MetadataType = imap.SearchCriteriaMetadataType(lower(t))
		default:
			return c, d.errorf("invalid MODSEQ entry type %q", t)
		}
		if err := d.SP(); err != nil {
			return c, err
		}
	}
	n, err := d.Number64()
	m.ModSeq = n
	c.ModSeq = m
	return c, err
}

// spAstring reads SP astring.
func (d *Decoder) spAstring() (string, error) {
	if err := d.SP(); err != nil {
		return "", err
	}
	return d.Astring()
}

// ObjectID reads an objectid (RFC 8474): 1*255(ALPHA / DIGIT / "_" / "-").
func (d *Decoder) ObjectID() (string, error) {
	start, lim := d.pos, d.limit()
	for d.pos < lim && d.pos-start < 256 && isObjectIDChar(d.text[d.pos]) {
		d.pos++
	}
	if n := d.pos - start; n == 0 || n > 255 {
		return "", d.errorf("invalid object id")
	}
	return string(d.text[start:d.pos]), nil
}

func isObjectIDChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// lower folds ASCII letters to lower case.
func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
