package cyrusconf

import "time"

// cronHorizonYears bounds the search in Next. The rarest reachable match
// (February 29 on a given weekday) recurs within 40 years even across the
// skipped leap day of 2100.
const cronHorizonYears = 100

// maxCronSteps bounds Next's loop whatever the time zone does; a search
// over the horizon takes well under this many steps.
const maxCronSteps = 1 << 18

// Next returns the first minute strictly after after that matches, in
// after's location, or the zero Time if none does within a century (never
// for an expression ParseCron accepted). Day-of-month and day-of-week are
// ORed when both are restricted, as in Vixie cron. A wall-clock time that a
// DST change skips does not occur that day.
func (c *Cron) Next(after time.Time) time.Time {
	loc := after.Location()
	// The next whole minute of after's wall clock.
	t := after.Add(time.Minute - time.Duration(after.Second())*time.Second - time.Duration(after.Nanosecond()))
	limit := t.Year() + cronHorizonYears
	for range maxCronSteps {
		if t.Year() > limit {
			break
		}
		var n time.Time
		switch {
		case !c.month.has(int(t.Month())):
			n = time.Date(t.Year(), t.Month()+1, 1, 0, 0, 0, 0, loc)
		case !c.dayMatches(t):
			n = time.Date(t.Year(), t.Month(), t.Day()+1, 0, 0, 0, 0, loc)
		case !c.hour.has(t.Hour()):
			n = time.Date(t.Year(), t.Month(), t.Day(), t.Hour()+1, 0, 0, 0, loc)
		case !c.minute.has(t.Minute()):
			n = t.Add(time.Minute)
		default:
			return t
		}
		if !n.After(t) {
			// A zone change made the wall-clock jump land earlier;
			// step on in absolute time so the loop always advances.
			n = t.Add(time.Minute)
		}
		t = n
	}
	return time.Time{}
}

// dayMatches applies the day-of-month / day-of-week rule.
func (c *Cron) dayMatches(t time.Time) bool {
	dom, dow := c.dom.has(t.Day()), c.dow.has(int(t.Weekday()))
	if c.domStar || c.dowStar {
		return dom && dow
	}
	return dom || dow
}
