package ipurge

import (
	"slices"
	"time"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

// day is the unit of -d.
const day = 24 * time.Hour

// rule decides which messages go, as Cyrus's ipurge: older than the age
// (strictly) or larger than the size (strictly); with exact, of exactly
// that age in whole days or that size; inverted, the opposite. Flags
// filter first: \Flagged messages are kept with skipFlagged, and only
// \Deleted ones considered with onlyDeleted.
type rule struct {
	byAge       bool
	age         time.Duration
	size        int64
	exact       bool
	invert      bool
	delivery    bool
	skipFlagged bool
	onlyDeleted bool
}

// ruleFrom turns the flags into a rule.
func ruleFrom(o *Options) rule {
	r := rule{exact: o.Exact, invert: o.Invert, delivery: o.Delivery, skipFlagged: o.SkipFlagged, onlyDeleted: o.OnlyDeleted}
	switch {
	case o.Days.set:
		r.byAge, r.age = true, time.Duration(o.Days.n)*day
	case o.Bytes.set:
		r.size = o.Bytes.n
	case o.KBytes.set:
		r.size = o.KBytes.n << 10
	case o.MBytes.set:
		r.size = o.MBytes.n << 20
	}
	return r
}

// date is the date a message's age is taken from: the Date header (which
// the store keeps in the summary), or the internal date when the message
// has none or with -X, as Cyrus.
func (r rule) date(m store.Message) time.Time {
	if !r.delivery && m.Summary != nil && !m.Summary.Date.IsZero() {
		return m.Summary.Date
	}
	return m.InternalDate
}

// matches reports whether m is to be purged at now.
func (r rule) matches(m store.Message, now time.Time) bool {
	if r.skipFlagged && slices.Contains(m.Flags, imap.FlagFlagged) {
		return false
	}
	if r.onlyDeleted && !slices.Contains(m.Flags, imap.FlagDeleted) {
		return false
	}
	var hit bool
	switch {
	case r.byAge && r.exact:
		hit = now.Sub(r.date(m))/day == r.age/day
	case r.byAge:
		hit = now.Sub(r.date(m)) > r.age
	case r.exact:
		hit = m.Size == r.size
	default:
		hit = m.Size > r.size
	}
	return hit != r.invert
}
