package wire

import "github.com/emersion/go-imap/v2"

// List is a parsed LIST or LSUB command.
type List struct {
	Reference []byte   // as sent (an astring)
	Patterns  [][]byte // one or more list-mailbox patterns, as sent
	// Options holds selection and return options (RFC 5258, RFC 5819,
	// RFC 6154). ReturnStatus is nil unless RETURN (STATUS (...)).
	Options imap.ListOptions
	// StatusMailboxID: RETURN (STATUS (MAILBOXID)), RFC 8474, which
	// imap.StatusOptions lacks.
	StatusMailboxID bool
	// Metadata: RETURN (METADATA (entry ...)), LIST-METADATA (RFC 9590),
	// the entries to send for each mailbox listed; nil if not asked.
	Metadata []string
	// MyRights: RETURN (MYRIGHTS), LIST-MYRIGHTS (RFC 8440).
	MyRights bool
	// Extended is set when LIST-EXTENDED syntax was used (selection
	// options, a parenthesised pattern list or RETURN): RFC 5258 §3 then
	// asks for extended behaviour even with empty option lists.
	Extended bool
}

// ParseList parses LIST's arguments: [SP list-select-opts] SP mailbox SP
// mbox-or-pat [SP list-return-opts] (RFC 5258 §6, RFC 9051 §9).
func ParseList(d *Decoder) (*List, error) {
	l := &List{}
	if err := d.SP(); err != nil {
		return nil, err
	}
	if d.Peek() == '(' {
		l.Extended = true
		if err := d.listSelectOpts(l); err != nil {
			return nil, err
		}
		if err := d.SP(); err != nil {
			return nil, err
		}
	}
	ref, err := d.Mailbox()
	if err != nil {
		return nil, err
	}
	l.Reference = ref
	if err := d.SP(); err != nil {
		return nil, err
	}
	if err := d.listPatterns(l); err != nil {
		return nil, err
	}
	if d.Consume(' ') {
		if !d.ConsumeFold("RETURN") {
			return nil, d.errorf("expected RETURN")
		}
		l.Extended = true
		if err := d.listReturnOpts(l); err != nil {
			return nil, err
		}
	}
	return l, d.End()
}

// ParseLsub parses LSUB's arguments: SP mailbox SP list-mailbox.
func ParseLsub(d *Decoder) (*List, error) {
	l := &List{}
	if err := d.SP(); err != nil {
		return nil, err
	}
	ref, err := d.Mailbox()
	if err != nil {
		return nil, err
	}
	l.Reference = ref
	if err := d.SP(); err != nil {
		return nil, err
	}
	pat, err := d.ListMailbox()
	if err != nil {
		return nil, err
	}
	l.Patterns = [][]byte{pat}
	return l, d.End()
}

// listPatterns reads mbox-or-pat = list-mailbox / patterns.
func (d *Decoder) listPatterns(l *List) error {
	if d.Peek() != '(' {
		p, err := d.ListMailbox()
		l.Patterns = [][]byte{p}
		return err
	}
	l.Extended = true
	return d.ParenList(false, func() error {
		p, err := d.ListMailbox()
		l.Patterns = append(l.Patterns, p)
		return err
	})
}

// listSelectOpts reads "(" [list-select-opt *(SP list-select-opt)] ")".
// RFC 5258 §3.1: RECURSIVEMATCH needs a base option (SUBSCRIBED or
// SPECIAL-USE), and an unknown option is an error.
func (d *Decoder) listSelectOpts(l *List) error {
	o := &l.Options
	err := d.ParenList(true, func() error {
		switch opt := d.keyword(); opt {
		case "SUBSCRIBED":
			o.SelectSubscribed = true
		case "REMOTE":
			o.SelectRemote = true
		case "RECURSIVEMATCH":
			o.SelectRecursiveMatch = true
		case "SPECIAL-USE":
			o.SelectSpecialUse = true
		default:
			return d.errorf("unknown LIST selection option %q", opt)
		}
		return nil
	})
	if err == nil && o.SelectRecursiveMatch && !o.SelectSubscribed && !o.SelectSpecialUse {
		return d.errorf("RECURSIVEMATCH needs SUBSCRIBED or SPECIAL-USE")
	}
	return err
}

// listReturnOpts reads SP "(" [return-option *(SP return-option)] ")".
func (d *Decoder) listReturnOpts(l *List) error {
	if err := d.SP(); err != nil {
		return err
	}
	o := &l.Options
	return d.ParenList(true, func() error {
		switch opt := d.keyword(); opt {
		case "SUBSCRIBED":
			o.ReturnSubscribed = true
		case "CHILDREN":
			o.ReturnChildren = true
		case "SPECIAL-USE":
			o.ReturnSpecialUse = true
		case "STATUS": // RFC 5819
			if o.ReturnStatus != nil {
				return d.errorf("STATUS given twice")
			}
			if err := d.SP(); err != nil {
				return err
			}
			items, id, err := d.statusAtts()
			o.ReturnStatus, l.StatusMailboxID = items, id
			return err
		case "MYRIGHTS": // RFC 8440
			l.MyRights = true
		case "METADATA": // RFC 9590
			if l.Metadata != nil {
				return d.errorf("METADATA given twice")
			}
			if err := d.SP(); err != nil {
				return err
			}
			l.Metadata = []string{}
			return d.ParenList(false, func() error {
				e, err := d.Astring()
				l.Metadata = append(l.Metadata, e)
				return err
			})
		default:
			return d.errorf("unknown LIST return option %q", opt)
		}
		return nil
	})
}
