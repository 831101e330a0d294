package migrate

import (
	"slices"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/store"
)

// srcMessage is one source message as the listing FETCH returns it.
type srcMessage struct {
	UID          imap.UID
	Flags        []imap.Flag // cleaned: storable flags only
	InternalDate time.Time
	Size         int64
}

// plan is what makes a target mailbox equal to its source: messages to
// copy, flags to replace, UIDs to expunge, and messages that cannot be
// copied because the target has gone past their UID.
type plan struct {
	copy    []srcMessage
	flags   []store.MessageFlags
	expunge []imap.UID
	skipped []imap.UID
}

// empty reports whether the plan changes nothing.
func (p plan) empty() bool {
	return len(p.copy) == 0 && len(p.flags) == 0 && len(p.expunge) == 0
}

// makePlan compares the source's messages with the target's (both in
// ascending UID order) whose UIDNEXT is uidNext. The source is the
// authority: the target ends with the source's messages and flags.
func makePlan(src []srcMessage, tgt []store.MessageFlags, uidNext imap.UID) plan {
	var p plan
	i, j := 0, 0
	for i < len(src) || j < len(tgt) {
		switch {
		case j == len(tgt) || i < len(src) && src[i].UID < tgt[j].UID:
			if src[i].UID >= uidNext {
				p.copy = append(p.copy, src[i])
			} else {
				p.skipped = append(p.skipped, src[i].UID)
			}
			i++
		case i == len(src) || tgt[j].UID < src[i].UID:
			p.expunge = append(p.expunge, tgt[j].UID)
			j++
		default:
			if !sameFlags(src[i].Flags, tgt[j].Flags) {
				p.flags = append(p.flags, store.MessageFlags{UID: src[i].UID, Flags: src[i].Flags})
			}
			i++
			j++
		}
	}
	return p
}

// sameFlags compares flag sets: system flags and keywords both compare
// case-insensitively (RFC 9051 §2.3.2), order does not matter.
func sameFlags(a, b []imap.Flag) bool {
	return slices.Equal(flagKeys(a), flagKeys(b))
}

func flagKeys(flags []imap.Flag) []string {
	out := make([]string, 0, len(flags))
	for _, f := range flags {
		out = append(out, strings.ToLower(string(f)))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// cleanFlags keeps the flags the store can hold and returns the others:
// \Recent is session state (RFC 3501 §2.3.2), and a keyword that is not
// an atom cannot be stored.
func cleanFlags(flags []imap.Flag) (keep, dropped []imap.Flag) {
	for _, f := range flags {
		if strings.EqualFold(string(f), `\Recent`) {
			continue
		}
		c, err := store.CanonicalFlag(f)
		if err != nil {
			dropped = append(dropped, f)
			continue
		}
		keep = append(keep, c)
	}
	return keep, dropped
}
