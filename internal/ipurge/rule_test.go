package ipurge

import (
	"testing"
	"time"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

func TestRule(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	msg := func(age time.Duration, headerAge time.Duration, size int64, flags ...imap.Flag) store.Message {
		m := store.Message{InternalDate: now.Add(-age), Size: size}
		m.Flags = flags
		if headerAge >= 0 {
			m.Summary = &store.Summary{Date: now.Add(-headerAge)}
		}
		return m
	}
	old := msg(10*day, 10*day, 100)
	young := msg(time.Hour, time.Hour, 100)
	oldHeader := msg(time.Hour, 30*day, 100) // sent long ago, delivered now
	noHeader := msg(10*day, -1, 100)
	tests := []struct {
		name string
		r    rule
		m    store.Message
		want bool
	}{
		{"older", rule{byAge: true, age: 7 * day}, old, true},
		{"not older", rule{byAge: true, age: 7 * day}, young, false},
		{"Date header by default", rule{byAge: true, age: 7 * day}, oldHeader, true},
		{"-X: delivery date", rule{byAge: true, age: 7 * day, delivery: true}, oldHeader, false},
		{"no Date header: internal date", rule{byAge: true, age: 7 * day}, noHeader, true},
		{"-x exact days", rule{byAge: true, age: 10 * day, exact: true}, old, true},
		{"-x other days", rule{byAge: true, age: 9 * day, exact: true}, old, false},
		{"-i newer", rule{byAge: true, age: 7 * day, invert: true}, young, true},
		{"-i not newer", rule{byAge: true, age: 7 * day, invert: true}, old, false},
		{"larger", rule{size: 99}, old, true},
		{"not larger: equal", rule{size: 100}, old, false},
		{"-x size", rule{size: 100, exact: true}, old, true},
		{"-x -i size", rule{size: 100, exact: true, invert: true}, old, false},
		{"-i smaller", rule{size: 101, invert: true}, old, true},
		{"-s keeps flagged", rule{size: 0, skipFlagged: true}, msg(0, 0, 5, imap.FlagFlagged), false},
		{"-s others", rule{size: 0, skipFlagged: true}, msg(0, 0, 5, imap.FlagSeen), true},
		{"-o only deleted", rule{size: 0, onlyDeleted: true}, msg(0, 0, 5, imap.FlagSeen), false},
		{"-o deleted", rule{size: 0, onlyDeleted: true}, msg(0, 0, 5, imap.FlagDeleted), true},
	}
	for _, tt := range tests {
		if got := tt.r.matches(tt.m, now); got != tt.want {
			t.Errorf("%s: matches = %v", tt.name, got)
		}
	}
}

func TestParseNeedsOneCriterion(t *testing.T) {
	for _, tt := range []struct {
		args []string
		ok   bool
	}{
		{[]string{"-d", "7"}, true},
		{[]string{"-m", "5", "user/alice/Trash"}, true},
		{[]string{}, false},
		{[]string{"-d", "7", "-b", "10"}, false},
		{[]string{"-d", "-1"}, false},
		{[]string{"-k", "x"}, false},
	} {
		fs, o := NewFlagSet()
		if err := o.Parse(fs, tt.args); (err == nil) != tt.ok {
			t.Errorf("Parse(%v) = %v", tt.args, err)
		}
	}
	fs, o := NewFlagSet()
	o.Parse(fs, []string{"-k", "3"})
	if r := ruleFrom(o); r.size != 3072 || r.byAge {
		t.Errorf("-k 3: %+v", r)
	}
}
