package server

import (
	"github.com/emersion/go-imap/v2"
)

// targets resolves a command's message set to UIDs in the client's view:
// a UIDSet under UID, a SeqSet otherwise, "$" the saved SEARCH result
// (RFC 5182 §2.1).
func (s *Session) targets(set imap.NumSet) []imap.UID {
	v := s.sel.view
	if imap.IsSearchRes(set) {
		return v.resolveUID(s.searchRes)
	}
	switch set := set.(type) {
	case imap.UIDSet:
		return v.resolveUID(set)
	case imap.SeqSet:
		return v.resolveSeq(set)
	}
	return nil
}
