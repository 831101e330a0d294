package wire

import "github.com/emersion/go-imap/v2"

// Status is a parsed STATUS command.
type Status struct {
	Mailbox []byte
	Items   imap.StatusOptions
	// MailboxID is RFC 8474's MAILBOXID item, which imap.StatusOptions
	// lacks.
	MailboxID bool
}

// ParseStatus parses STATUS's arguments: SP mailbox SP "(" status-att
// *(SP status-att) ")".
func ParseStatus(d *Decoder) (*Status, error) {
	if err := d.SP(); err != nil {
		return nil, err
	}
	mbox, err := d.Mailbox()
	if err != nil {
		return nil, err
	}
	if err := d.SP(); err != nil {
		return nil, err
	}
	items, id, err := d.statusAtts()
	if err != nil {
		return nil, err
	}
	return &Status{Mailbox: mbox, Items: *items, MailboxID: id}, d.End()
}

// statusAtts reads "(" status-att *(SP status-att) ")" (RFC 9051 with
// RECENT from RFC 3501, HIGHESTMODSEQ from RFC 7162, APPENDLIMIT from RFC
// 7889, DELETED-STORAGE from RFC 9208, SIZE from RFC 8438 and MAILBOXID
// from RFC 8474).
func (d *Decoder) statusAtts() (*imap.StatusOptions, bool, error) {
	o := &imap.StatusOptions{}
	mailboxID := false
	err := d.ParenList(false, func() error {
		switch att := d.keyword(); att {
		case "MESSAGES":
			o.NumMessages = true
		case "RECENT":
			o.NumRecent = true
		case "UIDNEXT":
			o.UIDNext = true
		case "UIDVALIDITY":
			o.UIDValidity = true
		case "UNSEEN":
			o.NumUnseen = true
		case "DELETED":
			o.NumDeleted = true
		case "SIZE":
			o.Size = true
		case "HIGHESTMODSEQ":
			o.HighestModSeq = true
		case "APPENDLIMIT":
			o.AppendLimit = true
		case "DELETED-STORAGE":
			o.DeletedStorage = true
		case "MAILBOXID":
			mailboxID = true
		default:
			return d.errorf("unknown status item %q", att)
		}
		return nil
	})
	return o, mailboxID, err
}
