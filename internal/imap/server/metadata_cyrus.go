package server

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/corvusmail/corvus/internal/store"
)

// Cyrus's own METADATA entries live under its vendor tree (RFC 5464
// §3.2's /vendor/<vendor-token>), where admin tools and clients written
// for Cyrus read a mailbox's size, last change and unique id.
const (
	cyrusShared  = "/shared/vendor/cmu/cyrus-imapd/"
	cyrusPrivate = "/private/vendor/cmu/cyrus-imapd/"
)

// cyrusSettable are the vendor entries a user may set on a mailbox, with
// the value shown while unset ("" for none) and the check of a value. As
// Cyrus 3.6: sharedseen and duplicatedeliver are booleans shown as
// "false" until set, expire is a whole number of days; a value they
// refuse gets NO "Invalid annotation value".
var cyrusSettable = map[string]struct {
	unset string
	valid func(string) bool
}{
	"sharedseen":       {"false", isBoolValue},
	"duplicatedeliver": {"false", isBoolValue},
	"expire":           {"", isDays},
}

func isBoolValue(v string) bool { return v == "true" || v == "false" }

func isDays(v string) bool {
	_, err := strconv.ParseUint(v, 10, 31)
	return err == nil
}

// cyrusEntries are a mailbox's computed vendor entries and the settable
// ones still unset, from its Status and the store's facts (Cyrus 3.6's
// names and forms): uniqueid is our MAILBOXID (RFC 8474), which is what
// Cyrus's uniqueid is too; size the sum of its messages' sizes;
// lastupdate the time of its last change as an IMAP date-time in the
// server's zone; partition the one partition Corvus has; annotsize the
// bytes of its entries' values. stored are the mailbox's stored entries.
func cyrusEntries(ctx context.Context, mbox store.Mailbox, stored []store.MetadataEntry) ([]store.MetadataEntry, error) {
	st, err := mbox.Status(ctx)
	if err != nil {
		return nil, err
	}
	out := []store.MetadataEntry{
		{Name: cyrusShared + "partition", Value: []byte("default")},
		{Name: cyrusShared + "size", Value: []byte(strconv.FormatInt(st.Size, 10))},
		{Name: cyrusShared + "uniqueid", Value: []byte(st.ID)},
	}
	if fr, ok := mbox.(store.FactsReader); ok {
		f, err := fr.MetadataFacts(ctx)
		if err != nil {
			return nil, err
		}
		// As Cyrus: sharedseen and duplicatedeliver are mailbox options
		// there, not entries, so its annotsize leaves them out.
		size := f.AnnotationBytes
		for _, e := range stored {
			if e.Name == cyrusShared+"sharedseen" || e.Name == cyrusShared+"duplicatedeliver" {
				size -= int64(len(e.Value))
			}
		}
		out = append(out, store.MetadataEntry{Name: cyrusShared + "annotsize", Value: []byte(strconv.FormatInt(size, 10))})
		if !f.LastUpdate.IsZero() {
			// As Cyrus: the date-time of RFC 3501, day padded with a space.
			out = append(out, store.MetadataEntry{Name: cyrusShared + "lastupdate", Value: []byte(f.LastUpdate.Local().Format("_2-Jan-2006 15:04:05 -0700"))})
		}
	}
	for name, s := range cyrusSettable {
		if s.unset != "" && !slices.ContainsFunc(stored, func(e store.MetadataEntry) bool { return e.Name == cyrusShared+name }) {
			out = append(out, store.MetadataEntry{Name: cyrusShared + name, Value: []byte(s.unset)})
		}
	}
	return out, nil
}

// wantsCyrus reports whether any requested entry is the vendor tree, in
// it or above it, so computing its entries is worth a Status.
func wantsCyrus(wanted []string) bool {
	for _, w := range wanted {
		w = strings.ToLower(strings.TrimSuffix(w, "/")) + "/"
		if strings.HasPrefix(w, cyrusShared) || strings.HasPrefix(cyrusShared, w) {
			return true
		}
	}
	return false
}

// mailboxMetadata is a mailbox's entries as GETMETADATA and LIST-METADATA
// show them: the stored ones and, when wanted, Cyrus's computed ones,
// sorted by name.
func mailboxMetadata(ctx context.Context, mbox store.Mailbox, user string, wanted []string) ([]store.MetadataEntry, error) {
	all, err := mbox.Metadata(ctx, user)
	if err != nil || !wantsCyrus(wanted) {
		return all, err
	}
	extra, err := cyrusEntries(ctx, mbox, all)
	if err != nil {
		return nil, err
	}
	all = append(all, extra...)
	slices.SortFunc(all, func(a, b store.MetadataEntry) int { return strings.Compare(a.Name, b.Name) })
	return all, nil
}

// checkCyrusSet answers a SETMETADATA of a vendor entry as Cyrus does:
// NO "Permission denied" for the computed ones, any other name under the
// tree and every server one (server says it is the server's, mailbox
// ""); NO "Invalid annotation value" for a value a settable one does not
// take; nil for everything else, which is stored as it is.
func checkCyrusSet(name string, value []byte, server bool) error {
	rest, shared := strings.CutPrefix(name, cyrusShared)
	if !shared && !strings.HasPrefix(name, cyrusPrivate) {
		return nil
	}
	s, ok := cyrusSettable[rest]
	if !shared || server || !ok {
		return noPerm()
	}
	if value != nil && !s.valid(string(value)) {
		return no("", "Invalid annotation value")
	}
	return nil
}
