package wire

import (
	"bytes"
	"time"
)

var monthNames = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// Date reads a date: date-text or DQUOTE date-text DQUOTE, with date-text
// = date-day "-" date-month "-" date-year (RFC 9051 §9; the day has one or
// two digits). The result is midnight UTC of that day.
func (d *Decoder) Date() (time.Time, error) {
	q := d.Consume('"')
	t, err := d.dateText(false)
	if err != nil {
		return time.Time{}, err
	}
	if q {
		if err := d.Expect('"'); err != nil {
			return time.Time{}, err
		}
	}
	return t, nil
}

// DateTime reads date-time = DQUOTE date-day-fixed "-" date-month "-"
// date-year SP time SP zone DQUOTE, e.g. "17-Jul-1996 02:44:25 -0700".
func (d *Decoder) DateTime() (time.Time, error) {
	if err := d.Expect('"'); err != nil {
		return time.Time{}, d.errorf("expected date-time")
	}
	day, err := d.dateText(true)
	if err != nil {
		return time.Time{}, err
	}
	hh, mm, ss, err := d.clock()
	if err != nil {
		return time.Time{}, err
	}
	zone, err := d.zone()
	if err != nil {
		return time.Time{}, err
	}
	if err := d.Expect('"'); err != nil {
		return time.Time{}, err
	}
	loc := time.FixedZone("", zone)
	return time.Date(day.Year(), day.Month(), day.Day(), hh, mm, ss, 0, loc), nil
}

// dateText reads date-day "-" date-month "-" date-year; fixed requires
// date-day-fixed (SP DIGIT / 2DIGIT) and the SP after the date.
func (d *Decoder) dateText(fixed bool) (time.Time, error) {
	var day int
	switch {
	case fixed && d.Consume(' '):
		day = d.fixedDigits(1)
	case fixed:
		day = d.fixedDigits(2)
	default:
		day = d.fixedDigits(1)
		if c := d.Peek(); c >= '0' && c <= '9' {
			day = day*10 + d.fixedDigits(1)
		}
	}
	if day < 1 || d.Expect('-') != nil {
		return time.Time{}, d.errorf("invalid date")
	}
	month := 0
	if d.pos+3 <= d.limit() {
		for i, name := range monthNames {
			if bytes.EqualFold(d.text[d.pos:d.pos+3], []byte(name)) {
				month = i + 1
			}
		}
	}
	d.pos += 3
	if month == 0 || d.Expect('-') != nil {
		return time.Time{}, d.errorf("invalid date")
	}
	year := d.fixedDigits(4)
	if year < 0 || (fixed && d.SP() != nil) {
		return time.Time{}, d.errorf("invalid date")
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day {
		return time.Time{}, d.errorf("invalid date")
	}
	return t, nil
}

// clock reads time = 2DIGIT ":" 2DIGIT ":" 2DIGIT and a following SP.
func (d *Decoder) clock() (hh, mm, ss int, err error) {
	hh = d.fixedDigits(2)
	c1 := d.Consume(':')
	mm = d.fixedDigits(2)
	c2 := d.Consume(':')
	ss = d.fixedDigits(2)
	if !c1 || !c2 || hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 60 || d.SP() != nil {
		return 0, 0, 0, d.errorf("invalid time")
	}
	return hh, mm, ss, nil
}

// zone reads zone = ("+" / "-") 4DIGIT and returns seconds east of UTC.
func (d *Decoder) zone() (int, error) {
	sign := 1
	switch {
	case d.Consume('-'):
		sign = -1
	case d.Consume('+'):
	default:
		return 0, d.errorf("invalid zone")
	}
	hh, mm := d.fixedDigits(2), d.fixedDigits(2)
	if hh < 0 || mm < 0 || mm > 59 {
		return 0, d.errorf("invalid zone")
	}
	return sign * (hh*3600 + mm*60), nil
}

// fixedDigits reads exactly n digits, or returns -1.
func (d *Decoder) fixedDigits(n int) int {
	if d.pos+n > d.limit() {
		return -1
	}
	v := 0
	for i := 0; i < n; i++ {
		c := d.text[d.pos]
		if c < '0' || c > '9' {
			return -1
		}
		v = v*10 + int(c-'0')
		d.pos++
	}
	return v
}
