package cyrusconf

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// TimeOfDay is a daily local time from at=HHMM.
type TimeOfDay struct{ Hour, Minute int }

// String renders the time as HH:MM.
func (t TimeOfDay) String() string { return fmt.Sprintf("%02d:%02d", t.Hour, t.Minute) }

// buildEvent adds an EVENTS entry.
func (p *parser) buildEvent(e *rawEntry) {
	c := p.newCtx(e, secEvents)
	ev := &Event{Entry: c.entry()}
	ev.Cmd = c.requireCmd("event")
	c.schedule(ev)
	if !c.failed {
		p.cfg.Events = append(p.cfg.Events, ev)
	}
}

// schedule reads the one of period=, at= and cron= the event may have.
func (c *entryCtx) schedule(ev *Event) {
	var given []*arg
	for _, k := range []string{"period", "at", "cron"} {
		if a := c.arg(k); a != nil {
			given = append(given, a)
		}
	}
	slices.SortFunc(given, func(a, b *arg) int { return a.keyRng.Start.Byte - b.keyRng.Start.Byte })
	if len(given) > 1 {
		c.errorf(given[1].keyRng, "Conflicting schedule",
			"%s= and %s= both schedule event %s; give only one of period=, at= and cron=.",
			given[0].key, given[1].key, ev.Name)
		return
	}
	ev.Period, _ = c.intArg("period", 0, 0, "minutes between runs, 0 for once at start-up")
	if a := c.arg("at"); a != nil {
		at, err := parseAt(a.value)
		if err != nil {
			c.errorf(a.valRng, "Invalid at time", "at=%q: %v.", a.value, err)
		}
		ev.At = at
	}
	if a := c.arg("cron"); a != nil {
		cr, err := ParseCron(a.value)
		if err != nil {
			c.errorf(a.valRng, "Invalid cron expression", "cron=%q: %v.", a.value, err)
		}
		ev.Cron = cr
	}
}

// parseAt reads HHMM, 1 to 4 digits (as Cyrus: the value is the number
// hour*100+minute, so "400" is 04:00).
func parseAt(s string) (*TimeOfDay, error) {
	if !allDigits(s) || len(s) > 4 {
		return nil, errors.New("expected HHMM, 1 to 4 digits, e.g. 0400")
	}
	n, _ := strconv.Atoi(s)
	t := &TimeOfDay{Hour: n / 100, Minute: n % 100}
	switch {
	case t.Hour > 23:
		return nil, fmt.Errorf("hour %02d is not between 00 and 23", t.Hour)
	case t.Minute > 59:
		return nil, fmt.Errorf("minute %02d is not between 00 and 59", t.Minute)
	}
	return t, nil
}

// NextRun is when the event should next run after t: t plus the period,
// the next at= time of day in t's location, or the next cron match. ok is
// false for an event that runs once at start-up (and for a cron expression
// that never matches again).
func (e *Event) NextRun(t time.Time) (next time.Time, ok bool) {
	switch {
	case e.Cron != nil:
		next = e.Cron.Next(t)
		return next, !next.IsZero()
	case e.At != nil:
		return e.At.next(t), true
	case e.Period > 0:
		return t.Add(time.Duration(e.Period) * time.Minute), true
	}
	return time.Time{}, false
}

// next is the first time strictly after t that is this time of day in t's
// location.
func (d TimeOfDay) next(t time.Time) time.Time {
	loc := t.Location()
	for days := 0; days < 3; days++ {
		n := time.Date(t.Year(), t.Month(), t.Day()+days, d.Hour, d.Minute, 0, 0, loc)
		if n.After(t) {
			return n
		}
	}
	// Not reached: two days on is always after t, whatever DST does.
	return t.Add(24 * time.Hour)
}
