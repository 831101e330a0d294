package wire

import "github.com/emersion/go-imap/v2"

// searchFlagKeys are the keys that test one flag (RFC 9051 §6.4.4; RECENT
// from RFC 3501).
var searchFlagKeys = map[string]struct {
	flag imap.Flag
	set  bool
}{
	"ANSWERED": {imap.FlagAnswered, true}, "UNANSWERED": {imap.FlagAnswered, false},
	"DELETED": {imap.FlagDeleted, true}, "UNDELETED": {imap.FlagDeleted, false},
	"DRAFT": {imap.FlagDraft, true}, "UNDRAFT": {imap.FlagDraft, false},
	"FLAGGED": {imap.FlagFlagged, true}, "UNFLAGGED": {imap.FlagFlagged, false},
	"SEEN": {imap.FlagSeen, true}, "UNSEEN": {imap.FlagSeen, false},
	"RECENT": {flagRecent, true}, "OLD": {flagRecent, false},
}

// searchHeaderKeys are the keys that search one header field.
var searchHeaderKeys = map[string]string{
	"BCC": "Bcc", "CC": "Cc", "FROM": "From", "SUBJECT": "Subject", "TO": "To",
}

// searchKey reads one search-key (RFC 9051 §9 with RFC 3501's RECENT,
// NEW, OLD and the extension keys listed on Criteria).
func (d *Decoder) searchKey(depth int) (Criteria, error) {
	var c Criteria
	if depth > maxSearchDepth {
		return c, d.errorf("search program nested too deeply")
	}
	switch p := d.Peek(); {
	case p == '(':
		err := d.ParenList(false, func() error {
			k, err := d.searchKey(depth + 1)
			c.and(k)
			return err
		})
		return c, err
	case p == '$':
		d.pos++
		c.UID = []imap.UIDSet{imap.SearchRes()}
		return c, nil
	case p == '*' || (p >= '1' && p <= '9'):
		set, err := d.SeqSet()
		c.SeqNum = []imap.SeqSet{set}
		return c, err
	}
	key := d.keyword()
	if f, ok := searchFlagKeys[key]; ok {
		if f.set {
			c.Flag = []imap.Flag{f.flag}
		} else {
			c.NotFlag = []imap.Flag{f.flag}
		}
		return c, nil
	}
	if h, ok := searchHeaderKeys[key]; ok {
		v, err := d.spAstring()
		c.Header = []imap.SearchCriteriaHeaderField{{Key: h, Value: v}}
		return c, err
	}
	switch key {
	case "ALL":
		return c, nil
	case "NEW":
		c.Flag, c.NotFlag = []imap.Flag{flagRecent}, []imap.Flag{imap.FlagSeen}
		return c, nil
	case "NOT", "OR":
		return d.searchLogic(key, depth)
	}
	return d.searchArgKey(key)
}

// searchLogic reads the operands of NOT and OR.
func (d *Decoder) searchLogic(key string, depth int) (Criteria, error) {
	var c Criteria
	if err := d.SP(); err != nil {
		return c, err
	}
	a, err := d.searchKey(depth + 1)
	if err != nil {
		return c, err
	}
	if key == "NOT" {
		c.Not = []Criteria{a}
		return c, nil
	}
	if err := d.SP(); err != nil {
		return c, err
	}
	b, err := d.searchKey(depth + 1)
	c.Or = [][2]Criteria{{a, b}}
	return c, err
}

// searchArgKey reads the keys that take an argument other than a search
// key.
func (d *Decoder) searchArgKey(key string) (Criteria, error) {
	var c Criteria
	var err error
	switch key {
	case "BODY":
		var v string
		v, err = d.spAstring()
		c.Body = []string{v}
	case "TEXT":
		var v string
		v, err = d.spAstring()
		c.Text = []string{v}
	case "HEADER":
		var k, v string
		if k, err = d.spAstring(); err == nil {
			v, err = d.spAstring()
		}
		c.Header = []imap.SearchCriteriaHeaderField{{Key: k, Value: v}}
	case "KEYWORD", "UNKEYWORD":
		return d.searchKeyword(key)
	case "LARGER", "SMALLER":
		return d.searchSize(key)
	case "UID":
		var set imap.UIDSet
		if err = d.SP(); err == nil {
			set, err = d.UIDSet()
		}
		c.UID = []imap.UIDSet{set}
	case "MODSEQ":
		return d.searchModSeq()
	case "OLDER", "YOUNGER":
		return d.searchWithin(key)
	case "SAVEDATESUPPORTED":
		c.SaveDateSupported = true
	case "EMAILID", "THREADID":
		return d.searchObjectID(key)
	default:
		return d.searchDateKey(key)
	}
	return c, err
}
