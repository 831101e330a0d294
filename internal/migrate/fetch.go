package migrate

import (
	"fmt"
	"slices"

	"github.com/emersion/go-imap/v2"
)

// examine opens a source mailbox read-only (EXAMINE: nothing changes at
// the source, not even \Recent), with CONDSTORE where the server has it
// so that HIGHESTMODSEQ comes back (RFC 7162 §3.1.2.1).
func (s *source) examine(name string) (*imap.SelectData, error) {
	opts := &imap.SelectOptions{ReadOnly: true, CondStore: s.c.Caps().Has(imap.CapCondStore)}
	sel, err := s.c.Select(name, opts).Wait()
	if err != nil {
		return nil, fmt.Errorf("EXAMINE %q: %w", name, err)
	}
	return sel, nil
}

// listMessages reads every message's UID, flags, internal date and size
// with one UID FETCH 1:*; flags the store cannot hold are returned apart.
func (s *source) listMessages() ([]srcMessage, []imap.Flag, error) {
	msgs, err := s.c.Fetch(imap.UIDSet{{Start: 1, Stop: 0}}, &imap.FetchOptions{
		UID: true, Flags: true, InternalDate: true, RFC822Size: true,
	}).Collect()
	if err != nil {
		return nil, nil, fmt.Errorf("UID FETCH 1:* (FLAGS INTERNALDATE RFC822.SIZE): %w", err)
	}
	out := make([]srcMessage, 0, len(msgs))
	var dropped []imap.Flag
	for _, m := range msgs {
		if m.UID == 0 {
			continue
		}
		keep, bad := cleanFlags(m.Flags)
		dropped = append(dropped, bad...)
		out = append(out, srcMessage{UID: m.UID, Flags: keep, InternalDate: m.InternalDate, Size: m.RFC822Size})
	}
	slices.SortFunc(out, func(a, b srcMessage) int { return cmpUID(a.UID, b.UID) })
	out = slices.CompactFunc(out, func(a, b srcMessage) bool { return a.UID == b.UID })
	return out, dropped, nil
}

// bodies fetches the exact bytes of the messages (BODY.PEEK[]: \Seen is
// not set at the source, RFC 9051 §6.4.5). A message expunged at the
// source meanwhile is simply absent from the result.
func (s *source) bodies(msgs []srcMessage) (map[imap.UID][]byte, error) {
	var set imap.UIDSet
	for _, m := range msgs {
		set.AddNum(m.UID)
	}
	section := &imap.FetchItemBodySection{Peek: true}
	got, err := s.c.Fetch(set, &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{section}}).Collect()
	if err != nil {
		return nil, fmt.Errorf("UID FETCH (BODY.PEEK[]): %w", err)
	}
	out := make(map[imap.UID][]byte, len(got))
	for _, m := range got {
		if b := m.FindBodySection(section); b != nil && m.UID != 0 {
			out[m.UID] = b
		}
	}
	return out, nil
}

func cmpUID(a, b imap.UID) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// batches splits msgs into runs of at most n messages and about size
// bytes (a single bigger message is a batch of its own): one FETCH and
// one store transaction each.
func batches(msgs []srcMessage, n int, size int64) [][]srcMessage {
	var out [][]srcMessage
	start, bytes := 0, int64(0)
	for i, m := range msgs {
		if i > start && (i-start >= n || bytes+m.Size > size) {
			out = append(out, msgs[start:i])
			start, bytes = i, 0
		}
		bytes += m.Size
	}
	if start < len(msgs) {
		out = append(out, msgs[start:])
	}
	return out
}
