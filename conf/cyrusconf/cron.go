package cyrusconf

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Cron is a parsed 5-field cron expression (minute hour day-of-month month
// day-of-week) with lists (1,2), ranges (1-5), steps (*/15, 1-30/5, 5/15 =
// 5-max/15), month and weekday names (jan, mon) and 0 or 7 for Sunday.
type Cron struct {
	minute, hour, dom, month, dow bitset
	// domStar and dowStar record a field starting with '*'. As Vixie cron:
	// only when neither does are the two day fields ORed; otherwise both
	// must match (so "*/2" counts as unrestricted).
	domStar, dowStar bool
	expr             string
}

// String returns the expression as given to ParseCron.
func (c *Cron) String() string { return c.expr }

// bitset holds the allowed values of one field, bit i for value i.
type bitset uint64

func (b bitset) has(i int) bool { return i >= 0 && i < 64 && b&(1<<uint(i)) != 0 }

// maxCronLen bounds the expression; real ones are a few dozen bytes.
const maxCronLen = 256

// cronField describes one field of the expression.
type cronField struct {
	name     string
	min, max int
	names    []string // names[i] stands for nameBase+i
	nameBase int
}

var cronFields = [5]cronField{
	{name: "minute", min: 0, max: 59},
	{name: "hour", min: 0, max: 23},
	{name: "day-of-month", min: 1, max: 31},
	{name: "month", min: 1, max: 12, nameBase: 1,
		names: []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}},
	{name: "day-of-week", min: 0, max: 7,
		names: []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}},
}

// ParseCron parses "minute hour day-of-month month day-of-week". Errors
// name the field that is wrong. An expression that can never match (such
// as February 30) is an error too.
func ParseCron(s string) (*Cron, error) {
	if len(s) > maxCronLen {
		return nil, fmt.Errorf("expression is %d bytes; at most %d", len(s), maxCronLen)
	}
	f := strings.Fields(s)
	if len(f) != 5 {
		return nil, fmt.Errorf("want 5 fields (minute hour day-of-month month day-of-week), got %d", len(f))
	}
	var sets [5]bitset
	for i, spec := range cronFields {
		b, err := spec.parse(f[i])
		if err != nil {
			return nil, fmt.Errorf("%s field %q: %w", spec.name, f[i], err)
		}
		sets[i] = b
	}
	if sets[4].has(7) { // 7 is Sunday too
		sets[4] = sets[4]&^(1<<7) | 1
	}
	c := &Cron{
		minute: sets[0], hour: sets[1], dom: sets[2], month: sets[3], dow: sets[4],
		domStar: f[2][0] == '*', dowStar: f[4][0] == '*',
		expr: s,
	}
	if err := c.checkReachable(f[2]); err != nil {
		return nil, err
	}
	return c, nil
}

// parse reads a comma-separated list of items.
func (f cronField) parse(s string) (bitset, error) {
	var b bitset
	for item := range strings.SplitSeq(s, ",") {
		ib, err := f.item(item)
		if err != nil {
			return 0, err
		}
		b |= ib
	}
	return b, nil
}

// item reads "*", "a", "a-b", each optionally followed by "/step".
func (f cronField) item(s string) (bitset, error) {
	if s == "" {
		return 0, errors.New("empty list element")
	}
	span, stepStr, stepped := strings.Cut(s, "/")
	lo, hi, err := f.span(span, stepped)
	if err != nil {
		return 0, err
	}
	step := 1
	if stepped {
		n, err := strconv.Atoi(stepStr)
		if !allDigits(stepStr) || err != nil || n < 1 || n > f.max {
			return 0, fmt.Errorf("step %q must be a number from 1 to %d", stepStr, f.max)
		}
		step = n
	}
	var b bitset
	for v := lo; v <= hi; v += step {
		b |= 1 << uint(v)
	}
	return b, nil
}

// span reads "*", "a" or "a-b". A lone "a" followed by a step runs to the
// field's maximum.
func (f cronField) span(s string, stepped bool) (lo, hi int, err error) {
	if s == "*" {
		return f.min, f.max, nil
	}
	a, z, isRange := strings.Cut(s, "-")
	if lo, err = f.value(a); err != nil {
		return 0, 0, err
	}
	if !isRange {
		if stepped {
			return lo, f.max, nil
		}
		return lo, lo, nil
	}
	if hi, err = f.value(z); err != nil {
		return 0, 0, err
	}
	if f.name == "day-of-week" && hi == 0 && lo > 0 {
		hi = 7 // "fri-sun": Sunday as 7 ends a range
	}
	if lo > hi {
		return 0, 0, fmt.Errorf("range %s runs backwards", s)
	}
	return lo, hi, nil
}

// value reads a number or a name.
func (f cronField) value(s string) (int, error) {
	if allDigits(s) {
		n, err := strconv.Atoi(s)
		if err != nil || len(s) > 4 || n < f.min || n > f.max {
			return 0, fmt.Errorf("%s is out of range %d-%d", s, f.min, f.max)
		}
		return n, nil
	}
	for i, name := range f.names {
		if strings.EqualFold(s, name) {
			return f.nameBase + i, nil
		}
	}
	if f.names != nil {
		return 0, fmt.Errorf("%q is not a number or a name (%s to %s)", s, f.names[0], f.names[len(f.names)-1])
	}
	return 0, fmt.Errorf("%q is not a number", s)
}

// daysIn is the most days month m (1-12) can have.
var daysIn = [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// checkReachable rejects a day-of-month that no chosen month has. Only
// needed when the day fields are ANDed and day-of-month is restricted:
// otherwise a "*" field always contains the 1st or some weekday, and every
// weekday recurs.
func (c *Cron) checkReachable(domField string) error {
	if c.domStar || !c.dowStar {
		return nil
	}
	for m := 1; m <= 12; m++ {
		for d := 1; d <= daysIn[m] && c.month.has(m); d++ {
			if c.dom.has(d) {
				return nil
			}
		}
	}
	return fmt.Errorf("day-of-month field %q: no such day in the months chosen", domField)
}
