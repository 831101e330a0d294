package wire

import (
	"github.com/emersion/go-imap/v2"
)

// List writes "* LIST (attrs) delim mailbox [extended]" (RFC 9051
// §7.3.1, RFC 5258 §6) and, when data.Status is set, the "* STATUS" line
// that RFC 5819 puts right after it. data.Mailbox (and OldName) are in
// wire form already (modified UTF-7 or UTF-8).
func (w *Writer) List(data *imap.ListData) { w.listLine("LIST", data) }

// Lsub writes "* LSUB (attrs) delim mailbox" (RFC 3501 §7.2.3).
func (w *Writer) Lsub(data *imap.ListData) { w.listLine("LSUB", data) }

func (w *Writer) listLine(kind string, data *imap.ListData) {
	w.untagged()
	w.Raw(kind)
	w.Raw(" (")
	for i, a := range data.Attrs {
		if i > 0 {
			w.SP()
		}
		w.flag(imap.Flag(a))
	}
	w.Raw(") ")
	w.delim(data.Delim)
	w.SP()
	w.MailboxName(data.Mailbox)
	if kind == "LIST" {
		w.listExtended(data)
	}
	w.CRLF()
	if data.Status != nil && kind == "LIST" {
		w.StatusData(data.Status, "")
	}
}

// listExtended appends SP "(" mbox-list-extended-item... ")" for
// CHILDINFO (RFC 5258 §4) and OLDNAME (RFC 9051 §7.3.1), if any.
func (w *Writer) listExtended(data *imap.ListData) {
	if data.ChildInfo == nil && data.OldName == "" {
		return
	}
	w.Raw(" (")
	sep := ""
	if data.ChildInfo != nil {
		w.Raw(`"CHILDINFO" (`)
		if data.ChildInfo.Subscribed {
			w.Raw(`"SUBSCRIBED"`)
		}
		w.Raw(")")
		sep = " "
	}
	if data.OldName != "" {
		w.Raw(sep + `"OLDNAME" (`)
		w.MailboxName(data.OldName)
		w.Raw(")")
	}
	w.Raw(")")
}

// StatusData writes "* STATUS mailbox (item value ...)" (RFC 9051 §7.2.4)
// for every item data carries, plus MAILBOXID (RFC 8474) when mailboxID
// is not empty. data.Mailbox is in wire form.
func (w *Writer) StatusData(data *imap.StatusData, mailboxID string) {
	w.untagged()
	w.Raw("STATUS ")
	w.MailboxName(data.Mailbox)
	w.Raw(" (")
	sep := ""
	item := func(name string, v uint64) {
		w.Raw(sep + name + " ")
		w.Number(v)
		sep = " "
	}
	u32 := func(name string, p *uint32) {
		if p != nil {
			item(name, uint64(*p))
		}
	}
	u32("MESSAGES", data.NumMessages)
	u32("RECENT", data.NumRecent)
	if data.UIDNext != 0 {
		item("UIDNEXT", uint64(data.UIDNext))
	}
	if data.UIDValidity != 0 {
		item("UIDVALIDITY", uint64(data.UIDValidity))
	}
	u32("UNSEEN", data.NumUnseen)
	u32("DELETED", data.NumDeleted)
	if data.Size != nil {
		item("SIZE", uint64(max(*data.Size, 0)))
	}
	u32("APPENDLIMIT", data.AppendLimit)
	if data.DeletedStorage != nil {
		item("DELETED-STORAGE", uint64(max(*data.DeletedStorage, 0)))
	}
	if data.HighestModSeq != 0 {
		item("HIGHESTMODSEQ", data.HighestModSeq)
	}
	if mailboxID != "" {
		w.Raw(sep + "MAILBOXID (" + mailboxID + ")")
	}
	w.Raw(")")
	w.CRLF()
}
