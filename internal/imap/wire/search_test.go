package wire

import (
	"reflect"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func crit(f func(c *Criteria)) Criteria {
	var c Criteria
	f(&c)
	return c
}

func TestParseSearch(t *testing.T) {
	tests := []struct {
		name string // "SEARCH" or "UID SEARCH"
		args string
		want Search
	}{
		// RFC 3501 §6.4.4 examples.
		{"SEARCH", `FLAGGED SINCE 1-Feb-1994 NOT FROM "Smith"`, Search{Criteria: crit(func(c *Criteria) {
			c.Flag = []imap.Flag{imap.FlagFlagged}
			c.Since = day(1994, 2, 1)
			c.Not = []Criteria{crit(func(n *Criteria) {
				n.Header = []imap.SearchCriteriaHeaderField{{Key: "From", Value: "Smith"}}
			})}
		})}},
		{"SEARCH", `TEXT "string not in mailbox"`, Search{Criteria: crit(func(c *Criteria) {
			c.Text = []string{"string not in mailbox"}
		})}},
		{"SEARCH", "CHARSET UTF-8 TEXT {6}\r\nXXXXXX", Search{Charset: "UTF-8", Criteria: crit(func(c *Criteria) {
			c.Text = []string{"XXXXXX"}
		})}},
		// RFC 4731 §3.1 examples.
		{"SEARCH", `RETURN (MIN COUNT) FLAGGED SINCE 1-Feb-1994 NOT FROM "Smith"`, Search{
			ESearch: true, Return: imap.SearchOptions{ReturnMin: true, ReturnCount: true},
			Criteria: crit(func(c *Criteria) {
				c.Flag = []imap.Flag{imap.FlagFlagged}
				c.Since = day(1994, 2, 1)
				c.Not = []Criteria{crit(func(n *Criteria) {
					n.Header = []imap.SearchCriteriaHeaderField{{Key: "From", Value: "Smith"}}
				})}
			})}},
		{"UID SEARCH", "RETURN (MIN MAX) 1:5000", Search{
			ESearch: true, Return: imap.SearchOptions{ReturnMin: true, ReturnMax: true},
			Criteria: crit(func(c *Criteria) { c.SeqNum = []imap.SeqSet{{{Start: 1, Stop: 5000}}} })}},
		{"SEARCH", "RETURN () FLAGGED", Search{
			ESearch: true, Return: imap.SearchOptions{ReturnAll: true},
			Criteria: crit(func(c *Criteria) { c.Flag = []imap.Flag{imap.FlagFlagged} })}},
		// RFC 5182 §4: SAVE and "$".
		{"SEARCH", "RETURN (SAVE) FLAGGED", Search{
			ESearch: true, Return: imap.SearchOptions{ReturnSave: true},
			Criteria: crit(func(c *Criteria) { c.Flag = []imap.Flag{imap.FlagFlagged} })}},
		{"UID SEARCH", "UID $ SMALLER 4096", Search{Criteria: crit(func(c *Criteria) {
			c.UID = []imap.UIDSet{imap.SearchRes()}
			c.Smaller = 4096
		})}},
		// RFC 7162 §3.1.5 example.
		{"SEARCH", `MODSEQ "/flags/\\draft" all 620162338`, Search{Criteria: crit(func(c *Criteria) {
			c.ModSeq = &imap.SearchCriteriaModSeq{ModSeq: 620162338, MetadataName: `/flags/\draft`, MetadataType: imap.SearchCriteriaMetadataAll}
		})}},
		{"SEARCH", "OR NOT MODSEQ 720162338 LARGER 50000", Search{Criteria: crit(func(c *Criteria) {
			c.Or = [][2]Criteria{{
				crit(func(a *Criteria) {
					a.Not = []Criteria{crit(func(n *Criteria) { n.ModSeq = &imap.SearchCriteriaModSeq{ModSeq: 720162338} })}
				}),
				crit(func(b *Criteria) { b.Larger = 50000 }),
			}}
		})}},
		// RFC 5032, RFC 8514, RFC 8474.
		{"SEARCH", "YOUNGER 3600 OLDER 60", Search{Criteria: crit(func(c *Criteria) { c.Younger, c.Older = 3600, 60 })}},
		{"SEARCH", "SAVEDON 3-Mar-2020 SAVEDATESUPPORTED", Search{Criteria: crit(func(c *Criteria) {
			c.SaveDateSince, c.SaveDateBefore, c.SaveDateSupported = day(2020, 3, 3), day(2020, 3, 4), true
		})}},
		{"SEARCH", "EMAILID M6d99ac3275bb4e THREADID T64b478a75b7ea9", Search{Criteria: crit(func(c *Criteria) {
			c.EmailID, c.ThreadID = []string{"M6d99ac3275bb4e"}, []string{"T64b478a75b7ea9"}
		})}},
		// Every RFC 3501 key, nested lists and case folding.
		{"SEARCH", `all answered bcc a BEFORE 2-Jan-2000 BODY b CC c DELETED DRAFT FLAGGED FROM d HEADER X-Foo e KEYWORD $Work ` +
			`NEW OLD ON 3-Jan-2000 RECENT SEEN SENTBEFORE 4-Jan-2000 SENTON 5-Jan-2000 SENTSINCE 6-Jan-2000 SINCE 1-Jan-2000 ` +
			`SUBJECT f TEXT g TO h UID 1:3 UNANSWERED UNDELETED UNDRAFT UNFLAGGED UNKEYWORD $Junk UNSEEN LARGER 10 SMALLER 20 2,4:* (SEEN (DRAFT))`,
			Search{Criteria: crit(func(c *Criteria) {
				c.Flag = []imap.Flag{imap.FlagAnswered, imap.FlagDeleted, imap.FlagDraft, imap.FlagFlagged, "$Work", flagRecent, flagRecent, imap.FlagSeen, imap.FlagSeen, imap.FlagDraft}
				c.NotFlag = []imap.Flag{imap.FlagSeen, flagRecent, imap.FlagAnswered, imap.FlagDeleted, imap.FlagDraft, imap.FlagFlagged, "$Junk", imap.FlagSeen}
				c.Header = []imap.SearchCriteriaHeaderField{{Key: "Bcc", Value: "a"}, {Key: "Cc", Value: "c"}, {Key: "From", Value: "d"},
					{Key: "X-Foo", Value: "e"}, {Key: "Subject", Value: "f"}, {Key: "To", Value: "h"}}
				c.Body, c.Text = []string{"b"}, []string{"g"}
				c.Before, c.Since = day(2000, 1, 2), day(2000, 1, 3)
				c.SentBefore, c.SentSince = day(2000, 1, 4), day(2000, 1, 6)
				c.UID = []imap.UIDSet{{{Start: 1, Stop: 3}}}
				c.SeqNum = []imap.SeqSet{{{Start: 2, Stop: 2}, {Start: 4, Stop: 0}}}
				c.Larger, c.Smaller = 10, 20
			})}},
		{"SEARCH", "SMALLER 0", Search{Criteria: matchNothing()}},
		{"SEARCH", "OR (FROM a TO b) OR SEEN DRAFT", Search{Criteria: crit(func(c *Criteria) {
			c.Or = [][2]Criteria{{
				crit(func(a *Criteria) {
					a.Header = []imap.SearchCriteriaHeaderField{{Key: "From", Value: "a"}, {Key: "To", Value: "b"}}
				}),
				crit(func(b *Criteria) {
					b.Or = [][2]Criteria{{
						crit(func(x *Criteria) { x.Flag = []imap.Flag{imap.FlagSeen} }),
						crit(func(x *Criteria) { x.Flag = []imap.Flag{imap.FlagDraft} }),
					}}
				}),
			}}
		})}},
	}
	for _, tt := range tests {
		got, err := ParseSearch(decoderFor(t, tt.name, tt.args))
		if err != nil {
			t.Errorf("%s %s: %v", tt.name, tt.args, err)
			continue
		}
		if !reflect.DeepEqual(*got, tt.want) {
			t.Errorf("%s %s:\n got %+v\nwant %+v", tt.name, tt.args, *got, tt.want)
		}
	}
}

func TestParseSearchErrors(t *testing.T) {
	for _, args := range []string{
		"", "FOO", "FLAGGED  SEEN", "FLAGGED ", "(FLAGGED", "()", "NOT", "OR SEEN", "RETURN (BOGUS) ALL",
		"RETURN (MIN)", "CHARSET", "SINCE 1-Foo-2000", "LARGER x", "UID", "UID 0", "KEYWORD \\Seen",
		`MODSEQ "/nope" all 5`, `MODSEQ "/flags/\\seen" bogus 5`, "OLDER 0", "EMAILID", "HEADER Subject",
		"1,$", "ALL)",
	} {
		if _, err := ParseSearch(decoderFor(t, "SEARCH", args)); err == nil {
			t.Errorf("SEARCH %q accepted", args)
		}
	}
	deep := ""
	for range maxSearchDepth + 5 {
		deep += "NOT "
	}
	if _, err := ParseSearch(decoderFor(t, "SEARCH", deep+"ALL")); err == nil {
		t.Error("deep nesting accepted")
	}
}

func TestCriteriaAndMerges(t *testing.T) {
	got, err := ParseSearch(decoderFor(t, "SEARCH", `SINCE 1-Jan-2000 SINCE 1-Feb-2000 BEFORE 1-Mar-2000 BEFORE 1-Apr-2000 `+
		`SMALLER 100 SMALLER 50 LARGER 5 LARGER 7 YOUNGER 10 YOUNGER 5 MODSEQ 5 MODSEQ 9 MODSEQ "/flags/x" priv 3`))
	if err != nil {
		t.Fatal(err)
	}
	c := got.Criteria
	if !c.Since.Equal(day(2000, 2, 1)) || !c.Before.Equal(day(2000, 3, 1)) || c.Smaller != 50 || c.Larger != 7 || c.Younger != 5 {
		t.Errorf("merged %+v", c)
	}
	if c.ModSeq == nil || c.ModSeq.ModSeq != 9 || len(c.Not) != 1 || c.Not[0].Not[0].ModSeq.MetadataName != "/flags/x" {
		t.Errorf("MODSEQ merge: %+v, not %+v", c.ModSeq, c.Not)
	}
}

func TestCriteriaIMAP(t *testing.T) {
	s, err := ParseSearch(decoderFor(t, "SEARCH", "NOT OR SEEN DRAFT"))
	if err != nil {
		t.Fatal(err)
	}
	out, ok := s.Criteria.IMAP()
	want := imap.SearchCriteria{Not: []imap.SearchCriteria{{Or: [][2]imap.SearchCriteria{{
		{Flag: []imap.Flag{imap.FlagSeen}}, {Flag: []imap.Flag{imap.FlagDraft}}}}}}}
	if !ok || !reflect.DeepEqual(out, want) {
		t.Errorf("IMAP() = %+v, %v", out, ok)
	}
	s, err = ParseSearch(decoderFor(t, "SEARCH", "NOT OLDER 5"))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Criteria.IMAP(); ok || !s.Criteria.HasExtensions() {
		t.Error("an extension key under NOT was not reported")
	}
}
