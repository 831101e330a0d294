package server

import (
	"errors"
	"strings"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/store"
)

// errBadName is a mailbox name the client cannot mean.
var errBadName = errors.New("invalid mailbox name")

// sep is the hierarchy separator clients see: '/' with unixhierarchysep,
// '.' without (as Cyrus).
func (s *Session) sep() byte {
	if s.srv.opts.UnixHierarchySep {
		return '/'
	}
	return '.'
}

// storeName maps a mailbox name as sent (modified UTF-7, or UTF-8 once
// UTF8=ACCEPT is enabled) to the store's '/'-separated UTF-8 name.
func (s *Session) storeName(wireName []byte) (string, error) {
	name := string(wireName)
	if !s.utf8Names() {
		dec, err := wire.DecodeMailboxUTF7(name)
		if err != nil {
			return "", errBadName
		}
		name = dec
	}
	if sep := s.sep(); sep != '/' {
		if strings.ContainsRune(name, '/') {
			return "", errBadName
		}
		name = strings.ReplaceAll(name, string(sep), "/")
	}
	n, err := store.CanonicalMailbox(name)
	if err != nil {
		return "", errBadName
	}
	return n, nil
}

// wireName maps a store name to what the client sees.
func (s *Session) wireName(name string) string {
	if sep := s.sep(); sep != '/' {
		name = strings.ReplaceAll(name, "/", string(sep))
	}
	if !s.utf8Names() {
		name = wire.EncodeMailboxUTF7(name)
	}
	return name
}

func decodeUTF7(s string) (string, error) { return wire.DecodeMailboxUTF7(s) }
