package server

import (
	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/store"
)

func init() {
	register(func(r *registry) {
		r.capPost(imap.CapStatusSize)
		r.add("STATUS", authed, (*Session).cmdStatus)
	})
}

// cmdStatus: RFC 9051 §6.3.11 with STATUS=SIZE (RFC 8438).
func (s *Session) cmdStatus(cmd *wire.Command) error {
	p, err := wire.ParseStatus(cmd.Decoder())
	if err != nil {
		return err
	}
	ref, err := s.resolveWire(p.Mailbox)
	if err != nil {
		return storeError(err)
	}
	defer ref.release()
	mbox, _, err := s.access(ref, rightRead) // RFC 4314 §4: STATUS needs r
	if err != nil {
		return storeError(err)
	}
	st, err := mbox.Status(s.ctx)
	if err != nil {
		return storeError(err)
	}
	d := s.statusData(s.wireName(ref.ns), st, &p.Items)
	if p.Items.DeletedStorage {
		n, err := s.deletedStorage(mbox)
		if err != nil {
			return storeError(err)
		}
		d.DeletedStorage = &n
	}
	id := ""
	if p.MailboxID {
		id = st.ID // RFC 8474 §4.3
	}
	s.w.StatusData(d, id)
	return nil
}

// deletedStorage is RFC 9208's STATUS DELETED-STORAGE, which goes with
// QUOTA=RES-STORAGE: the storage an EXPUNGE would free, in the STORAGE
// resource's units of 1024 octets (rounded up).
func (s *Session) deletedStorage(mbox store.Mailbox) (int64, error) {
	res, err := mbox.Search(s.ctx, store.Criteria{Flags: []imap.Flag{imap.FlagDeleted}})
	if err != nil || len(res.UIDs) == 0 {
		return 0, err
	}
	msgs, err := mbox.Fetch(s.ctx, uidSet(res.UIDs), store.FetchOptions{})
	var n int64
	for _, m := range msgs {
		n += m.Size
	}
	return (n + 1023) / 1024, err
}

// statusData fills the items asked for.
func (s *Session) statusData(wireName string, st store.Status, o *imap.StatusOptions) *imap.StatusData {
	d := &imap.StatusData{Mailbox: wireName}
	if o.NumMessages {
		d.NumMessages = &st.Messages
	}
	if o.NumRecent {
		d.NumRecent = &st.Recent
	}
	if o.UIDNext {
		d.UIDNext = st.UIDNext
	}
	if o.UIDValidity {
		d.UIDValidity = st.UIDValidity
	}
	if o.NumUnseen {
		d.NumUnseen = &st.Unseen
	}
	if o.NumDeleted {
		d.NumDeleted = &st.Deleted
	}
	if o.Size {
		d.Size = &st.Size
	}
	if o.HighestModSeq {
		s.enable(imap.CapCondStore)
		d.HighestModSeq = st.HighestModSeq
	}
	if o.AppendLimit {
		l := uint32(s.appendLimit())
		d.AppendLimit = &l
	}
	return d
}
