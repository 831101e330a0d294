package sqlite

import (
	"database/sql"
	"errors"
	"slices"
	"strings"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

// System flags as bits of messages.flags, in store.SystemFlags order.
const (
	flagSeen int64 = 1 << iota
	flagAnswered
	flagFlagged
	flagDeleted
	flagDraft
)

// systemBit returns the bit of a canonical system flag, 0 for a keyword.
func systemBit(f imap.Flag) int64 {
	for i, sf := range store.SystemFlags {
		if f == sf {
			return 1 << i
		}
	}
	return 0
}

// flagList is the flags of a row: system flags first, then keywords.
func flagList(bits int64, keywords string) []imap.Flag {
	n := 0
	if keywords != "" {
		n = strings.Count(keywords, " ") + 1
	}
	out := make([]imap.Flag, 0, n+2)
	for i, sf := range store.SystemFlags {
		if bits&(1<<i) != 0 {
			out = append(out, sf)
		}
	}
	for keywords != "" {
		var k string
		k, keywords, _ = strings.Cut(keywords, " ")
		out = append(out, imap.Flag(k))
	}
	return out
}

// flagState is a message's flags while a STORE computes on them.
type flagState struct {
	bits     int64
	keywords []string // canonical spellings, sorted by key
}

func parseState(bits int64, keywords string) flagState {
	var kw []string
	if keywords != "" {
		kw = strings.Split(keywords, " ")
	}
	return flagState{bits: bits, keywords: kw}
}

func (f flagState) keywordString() string { return strings.Join(f.keywords, " ") }

// apply computes the result of a STORE operation with canonical flags
// (system flags as bits, keywords canonically spelt).
func (f flagState) apply(op imap.StoreFlagsOp, bits int64, keywords []string) flagState {
	switch op {
	case imap.StoreFlagsSet:
		return flagState{bits: bits, keywords: sortKeywords(slices.Clone(keywords))}
	case imap.StoreFlagsAdd:
		kw := slices.Clone(f.keywords)
		for _, k := range keywords {
			if !slices.Contains(kw, k) {
				kw = append(kw, k)
			}
		}
		return flagState{bits: f.bits | bits, keywords: sortKeywords(kw)}
	default: // StoreFlagsDel
		var kw []string
		for _, k := range f.keywords {
			if !slices.Contains(keywords, k) {
				kw = append(kw, k)
			}
		}
		return flagState{bits: f.bits &^ bits, keywords: kw}
	}
}

func (f flagState) equal(g flagState) bool {
	return f.bits == g.bits && slices.Equal(f.keywords, g.keywords)
}

func sortKeywords(kw []string) []string {
	slices.SortFunc(kw, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	return kw
}

// canonicalFlags validates flags and splits them into system bits and
// keywords spelt as the account first saw them (keywords are
// case-insensitive, RFC 9051 §2.3.2; one spelling per account keeps COPY
// and comparisons simple). New keywords are added to the keywords table.
func (w *wtx) canonicalFlags(flags []imap.Flag) (int64, []string, error) {
	flags, err := store.CanonicalFlags(flags)
	if err != nil {
		return 0, nil, err
	}
	var bits int64
	var kw []string
	for _, f := range flags {
		if b := systemBit(f); b != 0 {
			bits |= b
			continue
		}
		name, err := w.keyword(f)
		if err != nil {
			return 0, nil, err
		}
		kw = append(kw, name)
	}
	return bits, sortKeywords(kw), nil
}

// keyword returns the account's spelling of a keyword, recording it if new.
func (w *wtx) keyword(f imap.Flag) (string, error) {
	key := store.KeywordKey(f)
	if name, ok := w.keywords[key]; ok {
		return name, nil
	}
	var name string
	err := w.row("SELECT name FROM keywords WHERE lname = ?", []any{key}, &name)
	if errors.Is(err, sql.ErrNoRows) {
		name = string(f)
		_, err = w.exec("INSERT INTO keywords (lname, name) VALUES (?, ?)", key, name)
	}
	if err != nil {
		return "", err
	}
	w.keywords[key] = name
	return name, nil
}

// accountKeywords lists the keywords of the account (the FLAGS response).
func accountKeywords(t *tx) ([]imap.Flag, error) {
	rows, err := t.query("SELECT name FROM keywords ORDER BY lname")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []imap.Flag
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, imap.Flag(n))
	}
	return out, rows.Err()
}
