package server

import (
	"sort"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/store"
)

func init() {
	register(func(r *registry) {
		r.capPost(imap.CapListExtended, imap.CapListStatus, imap.CapSpecialUse, imap.CapChildren)
		r.add("LIST", authed, (*Session).cmdList)
		r.add("LSUB", authed, (*Session).cmdLsub)
	})
}

// listEntry is one candidate name for LIST.
type listEntry struct {
	info       *store.MailboxInfo // nil: implied parent or subscription only
	subscribed bool
	children   bool
}

// cmdList: RFC 9051 §6.3.9 with LIST-EXTENDED (RFC 5258), LIST-STATUS
// (RFC 5819), SPECIAL-USE (RFC 6154) and CHILDREN (RFC 3348).
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
	entries, err := s.listEntries()
	if err != nil {
		return err
	}
	for _, name := range sortedNames(entries) {
		if !s.listMatches(p, name) {
			continue
		}
		if data := s.listData(p, name, entries); data != nil {
			s.w.List(data)
			if p.Metadata != nil && entries[name].info != nil {
				if err := s.listMetadata(name, data.Mailbox, p.Metadata); err != nil {
					return err
				}
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

// listEntries gathers existing mailboxes, their implied parents and the
// subscriptions.
func (s *Session) listEntries() (map[string]*listEntry, error) {
	infos, err := s.acct.List(s.ctx)
	if err != nil {
		return nil, err
	}
	subs, err := s.acct.Subscriptions(s.ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]*listEntry{}
	get := func(n string) *listEntry {
		if out[n] == nil {
			out[n] = &listEntry{}
		}
		return out[n]
	}
	for i := range infos {
		e := get(infos[i].Name)
		e.info = &infos[i]
		e.children = e.children || infos[i].HasChildren
		for p := store.Parent(infos[i].Name); p != ""; p = store.Parent(p) {
			get(p).children = true
		}
	}
	for _, n := range subs {
		get(n).subscribed = true
	}
	return out, nil
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
	switch {
	case e.info == nil && !e.children:
		d.Attrs = append(d.Attrs, imap.MailboxAttrNonExistent)
	case e.info == nil:
		d.Attrs = append(d.Attrs, imap.MailboxAttrNonExistent, imap.MailboxAttrHasChildren)
	case e.children:
		d.Attrs = append(d.Attrs, imap.MailboxAttrHasChildren)
	default:
		d.Attrs = append(d.Attrs, imap.MailboxAttrHasNoChildren)
	}
	if e.subscribed && (o.SelectSubscribed || o.ReturnSubscribed) {
		d.Attrs = append(d.Attrs, imap.MailboxAttrSubscribed)
	}
	if e.info != nil && (!p.Extended || o.ReturnSpecialUse || o.SelectSpecialUse) {
		d.Attrs = append(d.Attrs, e.info.SpecialUse...)
	}
	if e.info != nil && o.ReturnStatus != nil {
		d.Status = s.statusData(d.Mailbox, e.info.Status, o.ReturnStatus)
	}
	return d
}

// cmdLsub: RFC 3501 §6.3.9, kept for IMAP4rev1 clients.
func (s *Session) cmdLsub(cmd *wire.Command) error {
	p, err := wire.ParseLsub(cmd.Decoder())
	if err != nil {
		return err
	}
	entries, err := s.listEntries()
	if err != nil {
		return err
	}
	for _, name := range sortedNames(entries) {
		e := entries[name]
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
