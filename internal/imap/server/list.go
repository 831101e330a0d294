package server

import (
	"sort"
	"strings"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/store"
)

func init() {
	register(func(r *registry) {
		r.capPost(imap.CapListExtended, imap.CapListStatus, imap.CapSpecialUse, imap.CapChildren, "LIST-MYRIGHTS")
		r.add("LIST", authed, (*Session).cmdList)
		r.add("LSUB", authed, (*Session).cmdLsub)
	})
}

// listEntry is one candidate name for LIST.
type listEntry struct {
	info       *store.MailboxInfo // nil: implied parent or subscription only
	subscribed bool
	children   bool
	// owner is the user whose account holds the mailbox ("" for the
	// session's own), name its store name there and rights the
	// session's on it.
	owner  string
	name   string
	rights rights
}

// listing is what LIST and LSUB look at: every name they may show.
type listing struct {
	entries map[string]*listEntry
}

// cmdList: RFC 9051 §6.3.9 with LIST-EXTENDED (RFC 5258), LIST-STATUS
// (RFC 5819), SPECIAL-USE (RFC 6154), CHILDREN (RFC 3348) and
// LIST-MYRIGHTS (RFC 8440).
func (s *Session) cmdList(cmd *wire.Command) error {
	p, err := wire.ParseList(cmd.Decoder())
	if err != nil {
		return err
	}
	if len(p.Patterns) == 1 && len(p.Patterns[0]) == 0 && !p.Extended {
		// RFC 9051 §6.3.9: the empty pattern asks for the delimiter.
		s.w.List(&imap.ListData{Attrs: []imap.MailboxAttr{imap.MailboxAttrNoSelect}, Delim: rune(s.sep())})
		return nil
	}
	l, err := s.listEntries(p)
	if err != nil {
		return err
	}
	for _, name := range sortedNames(l.entries) {
		if !s.listMatches(p, name) || s.hiddenLevel(p, name, l.entries[name]) {
			continue
		}
		data := s.listData(p, name, l.entries)
		if data == nil {
			continue
		}
		s.w.List(data)
		e := l.entries[name]
		if e.info == nil {
			continue
		}
		if p.MyRights { // RFC 8440 §3: after the LIST response
			s.writeMyRights(data.Mailbox, e.rights)
		}
		if p.Metadata != nil && e.rights.has(rightRead) {
			if err := s.listMetadata(e.owner, e.name, data.Mailbox, p.Metadata); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *Session) listMatches(p *wire.List, name string) bool {
	for _, pat := range p.Patterns {
		full, ok := s.listPattern(p.Reference, pat)
		if ok && matchPattern(full, name) {
			return true
		}
	}
	return false
}

// listEntries gathers the session's mailboxes, the other users'
// mailboxes it may look up (l) when a pattern reaches their namespace,
// the implied parents of both and the subscriptions.
func (s *Session) listEntries(p *wire.List) (*listing, error) {
	infos, err := s.acct.List(s.ctx)
	if err != nil {
		return nil, err
	}
	subs, err := s.acct.Subscriptions(s.ctx)
	if err != nil {
		return nil, err
	}
	l := &listing{entries: map[string]*listEntry{}}
	for i := range infos {
		info := &infos[i]
		e := l.add(info.Name)
		e.info, e.name = info, info.Name
		e.rights = s.rightsOn(s.user, info.ACL)
		e.children = e.children || info.HasChildren
	}
	if err := s.listOthers(p, l); err != nil {
		return nil, err
	}
	for _, n := range subs {
		l.get(n).subscribed = true
	}
	return l, nil
}

// get returns the entry of name, creating an empty one.
func (l *listing) get(n string) *listEntry {
	if l.entries[n] == nil {
		l.entries[n] = &listEntry{}
	}
	return l.entries[n]
}

// add returns the entry of an existing mailbox's name and marks its
// superiors as having children.
func (l *listing) add(n string) *listEntry {
	for p := store.Parent(n); p != ""; p = store.Parent(p) {
		l.get(p).children = true
	}
	return l.get(n)
}

func sortedNames(m map[string]*listEntry) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// listData builds one LIST response, or nil when the selection options
// exclude the name.
func (s *Session) listData(p *wire.List, name string, entries map[string]*listEntry) *imap.ListData {
	o := p.Options
	e := entries[name]
	// RFC 5258 §3.5: with RECURSIVEMATCH, a name that is not itself
	// selected but has a selected descendant is returned with CHILDINFO.
	childInfo := o.SelectSubscribed && o.SelectRecursiveMatch && subscribedBelow(name, entries)
	if o.SelectSubscribed && !e.subscribed && !childInfo {
		return nil
	}
	if o.SelectSpecialUse && (e.info == nil || len(e.info.SpecialUse) == 0) {
		return nil
	}
	if e.info == nil && !e.children && !o.SelectSubscribed {
		return nil // a subscription to nothing, outside LIST (SUBSCRIBED)
	}
	d := &imap.ListData{Delim: rune(s.sep()), Mailbox: s.wireName(name)}
	if childInfo {
		d.ChildInfo = &imap.ListDataChildInfo{Subscribed: true}
	}
	d.Attrs = s.listAttrs(name, e)
	if e.subscribed && (o.SelectSubscribed || o.ReturnSubscribed) {
		d.Attrs = append(d.Attrs, imap.MailboxAttrSubscribed)
	}
	if e.info != nil && (!p.Extended || o.ReturnSpecialUse || o.SelectSpecialUse) {
		d.Attrs = append(d.Attrs, e.info.SpecialUse...)
	}
	// RFC 5819 §2: no STATUS for a mailbox the session may not read.
	if e.info != nil && o.ReturnStatus != nil && e.rights.has(rightRead) {
		d.Status = s.statusData(d.Mailbox, e.info.Status, o.ReturnStatus)
	}
	return d
}

// hiddenLevel reports a name in the Other Users namespace that is no
// mailbox the session sees (the namespace root, a user whose INBOX it
// may not look up) and that only a hierarchy level matched by a final
// '%' brings up: as Cyrus, and RFC 3501 §6.3.8, such levels are listed
// (\Noselect) for "%" but not for "*".
func (s *Session) hiddenLevel(p *wire.List, name string, e *listEntry) bool {
	if e.info != nil || e.subscribed {
		return false
	}
	if _, _, _, other := s.splitOther(name); !other {
		return false
	}
	for _, pat := range p.Patterns {
		full, ok := s.listPattern(p.Reference, pat)
		if ok && strings.HasSuffix(full, "%") && matchPattern(full, name) {
			return false
		}
	}
	return true
}

// listAttrs are the existence and children attributes. A name without a
// mailbox in the Other Users namespace (its root, or a user whose INBOX
// the session may not look up) is \Noselect rather than \NonExistent,
// as Cyrus shows it: it may well exist.
func (s *Session) listAttrs(name string, e *listEntry) []imap.MailboxAttr {
	switch {
	case e.info == nil && !e.children:
		return []imap.MailboxAttr{imap.MailboxAttrNonExistent}
	case e.info == nil:
		if _, _, _, other := s.splitOther(name); other {
			return []imap.MailboxAttr{imap.MailboxAttrNoSelect, imap.MailboxAttrHasChildren}
		}
		return []imap.MailboxAttr{imap.MailboxAttrNonExistent, imap.MailboxAttrHasChildren}
	case e.children:
		return []imap.MailboxAttr{imap.MailboxAttrHasChildren}
	}
	return []imap.MailboxAttr{imap.MailboxAttrHasNoChildren}
}

// cmdLsub: RFC 3501 §6.3.9, kept for IMAP4rev1 clients.
func (s *Session) cmdLsub(cmd *wire.Command) error {
	p, err := wire.ParseLsub(cmd.Decoder())
	if err != nil {
		return err
	}
	l, err := s.listEntries(p)
	if err != nil {
		return err
	}
	for _, name := range sortedNames(l.entries) {
		e := l.entries[name]
		if !e.subscribed || !s.listMatches(p, name) {
			continue
		}
		d := &imap.ListData{Delim: rune(s.sep()), Mailbox: s.wireName(name)}
		if e.info == nil {
			d.Attrs = []imap.MailboxAttr{imap.MailboxAttrNoSelect}
		}
		s.w.Lsub(d)
	}
	return nil
}

// subscribedBelow reports whether some inferior of name is subscribed.
func subscribedBelow(name string, entries map[string]*listEntry) bool {
	for n, e := range entries {
		if e.subscribed && store.IsInferior(n, name) {
			return true
		}
	}
	return false
}
