package server

import (
	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
)

func init() {
	register(func(r *registry) {
		r.capPre(imap.CapEnable)
		r.capPost(imap.CapUTF8Accept)
		r.add("ENABLE", stateAuth, (*Session).cmdEnable) // RFC 5161 §3.1: before any SELECT
	})
}

// enableable are the capabilities ENABLE can turn on (RFC 5161 §3.1):
// only those whose behaviour this engine implements.
var enableable = map[string]imap.Cap{
	"IMAP4REV2":   imap.CapIMAP4rev2,
	"UTF8=ACCEPT": imap.CapUTF8Accept,
	"CONDSTORE":   imap.CapCondStore,
	"QRESYNC":     imap.CapQResync,
}

// cmdEnable: RFC 5161. Unknown names are ignored; the ENABLED response
// lists what this command newly enabled.
func (s *Session) cmdEnable(cmd *wire.Command) error {
	d := cmd.Decoder()
	caps, err := wire.ParseEnable(d)
	if err != nil {
		return err
	}
	var now []imap.Cap
	for _, c := range caps {
		known, ok := enableable[upper(string(c))]
		if !ok || s.enabled[known] {
			continue
		}
		switch known {
		case imap.CapCondStore:
			s.enableCondStore()
		case imap.CapQResync:
			s.enableCondStore() // RFC 7162 §3.2.3: QRESYNC implies CONDSTORE
			s.enable(known)
		default:
			s.enable(known)
		}
		now = append(now, known)
	}
	s.w.Enabled(now)
	return nil
}

// enable records an extension and applies its effect on the encoding.
func (s *Session) enable(c imap.Cap) {
	s.enabled[c] = true
	if c == imap.CapUTF8Accept || c == imap.CapIMAP4rev2 {
		// RFC 6855 §3, RFC 9051 §9 QUOTED-CHAR: UTF-8 in quoted strings.
		s.w.SetUTF8(true)
	}
}

// utf8Names reports whether mailbox names travel as UTF-8 rather than
// modified UTF-7 (RFC 6855 §3; RFC 9051 §5.1 with IMAP4rev2 enabled).
func (s *Session) utf8Names() bool {
	return s.enabled[imap.CapUTF8Accept] || s.enabled[imap.CapIMAP4rev2]
}
