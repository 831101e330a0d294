package wire

import (
	"github.com/emersion/go-imap/v2"
)

// Create is a parsed CREATE command.
type Create struct {
	Mailbox []byte
	Options imap.CreateOptions // USE (...) of RFC 6154 §3
}

// ParseCreate parses CREATE's arguments: SP mailbox [SP "(" create-param
// *(SP create-param) ")"], where create-param = "USE" SP "(" [use-attr
// *(SP use-attr)] ")" (RFC 6154 §6, RFC 4466).
func ParseCreate(d *Decoder) (*Create, error) {
	c := &Create{}
	if err := d.SP(); err != nil {
		return nil, err
	}
	mbox, err := d.Mailbox()
	if err != nil {
		return nil, err
	}
	c.Mailbox = mbox
	if d.Consume(' ') {
		err := d.ParenList(false, func() error {
			if !d.ConsumeFold("USE") {
				return d.errorf("unknown CREATE parameter")
			}
			if err := d.SP(); err != nil {
				return err
			}
			return d.ParenList(true, func() error {
				attr, err := d.useAttr()
				c.Options.SpecialUse = append(c.Options.SpecialUse, attr)
				return err
			})
		})
		if err != nil {
			return nil, err
		}
	}
	return c, d.End()
}

// useAttrs spell RFC 6154's use-attr (and RFC 8457's \Important)
// canonically.
var useAttrs = map[string]imap.MailboxAttr{}

func init() {
	for _, a := range []imap.MailboxAttr{imap.MailboxAttrAll, imap.MailboxAttrArchive,
		imap.MailboxAttrDrafts, imap.MailboxAttrFlagged, imap.MailboxAttrJunk,
		imap.MailboxAttrSent, imap.MailboxAttrTrash, imap.MailboxAttrImportant} {
		useAttrs[upper(string(a))] = a
	}
}

// useAttr reads "\" atom and spells it canonically if known; an unknown
// one is kept for the engine to refuse with [USEATTR].
func (d *Decoder) useAttr() (imap.MailboxAttr, error) {
	if err := d.Expect('\\'); err != nil {
		return "", d.errorf("expected special-use attribute")
	}
	a, err := d.Atom()
	if err != nil {
		return "", err
	}
	if c, ok := useAttrs[upper(`\`+a)]; ok {
		return c, nil
	}
	return imap.MailboxAttr(`\` + a), nil
}

// upper folds ASCII letters to upper case.
func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - ('a' - 'A')
		}
	}
	return string(b)
}
