package server

import (
	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
)

func init() {
	register(func(r *registry) {
		r.capPre(imap.CapID)
		r.add("ID", anyState, (*Session).cmdID)
	})
}

// cmdID: RFC 2971. As Cyrus, what the server says about itself follows
// serverinfo.
func (s *Session) cmdID(cmd *wire.Command) error {
	d := cmd.Decoder()
	params, err := wire.ParseID(d)
	if err != nil {
		return err
	}
	if c := wire.IDData(params); c != nil && c.Name != "" {
		s.log.Debug().Str("client", c.Name).Str("version", c.Version).Msg("client id")
	}
	o := s.srv.opts
	if o.ServerInfo == "off" {
		s.w.ID(nil)
		return nil
	}
	data := &imap.IDData{Name: "Corvus IMAP", Vendor: "Corvus"}
	if o.ServerInfo == "on" {
		data.Version = o.Version
	}
	s.w.ID(data)
	return nil
}
