package server

import (
	"cmp"
	"slices"
	"strings"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/store"
)

// flagRights are the rights that together allow changing any flag.
const flagRights = rightSeen | rightWrite | rightDeleteMsg

// allowedFlags keeps the flags of a STORE the session may change on the
// selected mailbox (RFC 4314 §4: s for \Seen, t for \Deleted, w for the
// rest). As Cyrus, the others are dropped silently, and a STORE left
// with nothing it may do is NO [NOPERM].
func (s *Session) allowedFlags(op imap.StoreFlagsOp, flags []imap.Flag) ([]imap.Flag, error) {
	sel := s.sel
	if sel.lacks&flagRights == 0 {
		return flags, nil
	}
	if sel.lacks&flagRights == flagRights {
		return nil, noPerm()
	}
	var kept []imap.Flag
	for _, f := range flags {
		if sel.may(flagRight(f)) {
			kept = append(kept, f)
		}
	}
	if len(kept) == 0 && (len(flags) > 0 || op != imap.StoreFlagsSet) {
		return nil, noPerm()
	}
	return kept, nil
}

// replaceKeeping is STORE FLAGS for a session that may change only some
// flags: each message gets the new flags plus those of its current ones
// the session may not touch. Messages that end with the same flags are
// stored together.
func (s *Session) replaceKeeping(uids []imap.UID, req store.StoreRequest) (store.StoreResult, error) {
	sel := s.sel
	msgs, err := sel.mbox.Fetch(s.ctx, uidSet(uids), store.FetchOptions{})
	if err != nil {
		return store.StoreResult{}, err
	}
	groups := map[string][]imap.UID{}
	sets := map[string][]imap.Flag{}
	for _, m := range msgs {
		want := slices.Clone(req.Flags)
		for _, f := range m.Flags {
			if !sel.may(flagRight(f)) {
				want = append(want, f)
			}
		}
		key := flagKey(want)
		groups[key] = append(groups[key], m.UID)
		sets[key] = want
	}
	var out store.StoreResult
	for key, group := range groups {
		r := req
		r.Flags = sets[key]
		res, err := sel.mbox.StoreFlags(s.ctx, uidSet(group), r)
		if err != nil {
			return store.StoreResult{}, err
		}
		out.Updated = append(out.Updated, res.Updated...)
		out.Unchanged = append(out.Unchanged, res.Unchanged...)
		out.Failed = append(out.Failed, res.Failed...)
	}
	byUID := func(a, b store.MessageFlags) int { return cmp.Compare(a.UID, b.UID) }
	slices.SortFunc(out.Updated, byUID)
	slices.SortFunc(out.Unchanged, byUID)
	slices.Sort(out.Failed)
	return out, nil
}

// flagKey identifies a flag set whatever its order and case.
func flagKey(flags []imap.Flag) string {
	keys := make([]string, len(flags))
	for i, f := range flags {
		keys[i] = store.KeywordKey(f)
	}
	slices.Sort(keys)
	return strings.Join(slices.Compact(keys), " ")
}
