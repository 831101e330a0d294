package mime

import (
	"strconv"
	"strings"
	"time"
)

// ParseDate reads an RFC 5322 §3.3 date-time, tolerating what §4.3
// (obsolete syntax) and real mail add: a missing or misplaced day of week,
// full month names, two- and three-digit years, missing seconds, a clock
// written "hh.mm.ss", named zones (UT, GMT, EST ... PDT), military and
// missing zones (both taken as UTC, as §4.3 advises for military zones),
// trailing comments like "(CEST)", and the asctime order "Mon Jan 2
// 15:04:05 2006". It returns the zero time when no date can be made out.
func ParseDate(s string) time.Time {
	var d dateParts
	d.day, d.year, d.month = -1, -1, -1
	d.hour = -1
	for _, f := range strings.FieldsFunc(stripComments(s), isDateSep) {
		d.add(f)
	}
	return d.time()
}

func isDateSep(r rune) bool { return r == ' ' || r == '\t' || r == ',' || r == '\r' || r == '\n' }

// dateParts collects the fields of a date in whatever order they come.
type dateParts struct {
	day, month, year   int
	hour, min, sec     int
	zone               int // offset east of UTC in seconds
	zoneSet, yearWidth int
}

// add classifies one word of the date.
func (d *dateParts) add(w string) {
	switch {
	case d.hour < 0 && (strings.Contains(w, ":") || isDottedClock(w)):
		d.clock(w)
	case (w[0] == '+' || w[0] == '-') && len(w) >= 5 && d.zoneSet == 0:
		d.numericZone(w)
	case isDigits(w):
		n, _ := strconv.Atoi(w)
		if d.day < 0 && len(w) <= 2 && n >= 1 && n <= 31 {
			d.day = n
		} else if d.year < 0 {
			d.year, d.yearWidth = n, len(w)
		}
	default:
		lw := strings.ToLower(strings.TrimSuffix(w, "."))
		if m := monthNumber(lw); m > 0 && d.month < 0 {
			d.month = m
		} else if off, ok := namedZone(lw); ok && d.hour >= 0 && d.zoneSet == 0 {
			d.zone, d.zoneSet = off, 1
		}
	}
}

// clock reads "hh:mm[:ss]" (or with dots after the first colon).
func (d *dateParts) clock(w string) {
	f := strings.FieldsFunc(w, func(r rune) bool { return r == ':' || r == '.' })
	if len(f) < 2 || len(f) > 3 {
		return
	}
	var v [3]int
	for i, s := range f {
		n, err := strconv.Atoi(s)
		if err != nil || len(s) > 2 {
			return
		}
		v[i] = n
	}
	d.hour, d.min, d.sec = v[0], v[1], v[2]
}

// numericZone reads "+hhmm" / "-hhmm"; "-0000" (RFC 5322 §3.3: zone
// unknown) is UTC.
func (d *dateParts) numericZone(w string) {
	if len(w) == 6 && w[3] == ':' { // "+02:00"
		w = w[:3] + w[4:]
	}
	if len(w) < 5 || !isDigits(w[1:5]) {
		return
	}
	h, _ := strconv.Atoi(w[1:3])
	m, _ := strconv.Atoi(w[3:5])
	if m >= 60 {
		return
	}
	d.zone = (h*60 + m) * 60
	if w[0] == '-' {
		d.zone = -d.zone
	}
	d.zoneSet = 1
}

// time assembles and checks the parts.
func (d *dateParts) time() time.Time {
	if d.day < 0 || d.month < 0 || d.year < 0 || d.hour < 0 {
		return time.Time{}
	}
	y := d.year
	switch {
	case d.yearWidth <= 2 && y < 50: // RFC 5322 §4.3
		y += 2000
	case d.yearWidth <= 3 && y < 1000:
		y += 1900
	}
	if y > 9999 || d.hour > 23 || d.min > 59 || d.sec > 60 {
		return time.Time{}
	}
	loc := time.UTC
	if d.zone != 0 {
		loc = time.FixedZone("", d.zone)
	}
	t := time.Date(y, time.Month(d.month), d.day, d.hour, d.min, d.sec, 0, loc)
	if t.Day() != d.day { // 31 Feb and the like
		return time.Time{}
	}
	return t
}

var months = [...]string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// monthNumber accepts "jan" and "january" (and "sept").
func monthNumber(w string) int {
	if len(w) < 3 {
		return 0
	}
	for i, m := range months {
		if strings.HasPrefix(w, m) {
			return i + 1
		}
	}
	return 0
}

// namedZone maps RFC 5322 §4.3 obsolete zone names to offsets; military
// letters and unknown names give UTC. ok is false for words that are not
// zone-like at all.
func namedZone(w string) (int, bool) {
	switch w {
	case "ut", "utc", "gmt", "z":
		return 0, true
	case "edt":
		return -4 * 3600, true
	case "est", "cdt":
		return -5 * 3600, true
	case "cst", "mdt":
		return -6 * 3600, true
	case "mst", "pdt":
		return -7 * 3600, true
	case "pst":
		return -8 * 3600, true
	}
	if len(w) == 1 && w[0] >= 'a' && w[0] <= 'z' && w[0] != 'j' {
		return 0, true
	}
	return 0, false
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isDottedClock recognises "hh.mm.ss", a clock some mailers write with dots.
func isDottedClock(w string) bool {
	f := strings.Split(w, ".")
	return len(f) == 3 && isDigits(f[0]) && isDigits(f[1]) && isDigits(f[2])
}
