package wire

import "strings"

// QuotaResource is one resource of a QUOTA response or a SETQUOTA
// argument (RFC 9208 §5): its name and, in responses, its usage.
type QuotaResource struct {
	Name  string // upper-cased: STORAGE, MESSAGE, ...
	Usage int64
	Limit int64
}

// SetQuota is a parsed SETQUOTA command (RFC 9208 §4.3).
type SetQuota struct {
	Root   string
	Limits []QuotaResource // Usage unset
}

// ParseQuotaRoot parses the one argument of GETQUOTA (a quota root) or
// GETQUOTAROOT (a mailbox): SP astring.
func ParseQuotaRoot(d *Decoder) ([]byte, error) {
	if err := d.SP(); err != nil {
		return nil, err
	}
	root, err := d.AstringBytes()
	if err != nil {
		return nil, err
	}
	return root, d.End()
}

// ParseSetQuota parses SETQUOTA's arguments: SP quota-root SP "("
// [setquota-resource *(SP setquota-resource)] ")", a resource being
// atom SP number64.
func ParseSetQuota(d *Decoder) (*SetQuota, error) {
	if err := d.SP(); err != nil {
		return nil, err
	}
	root, err := d.Astring()
	if err != nil {
		return nil, err
	}
	if err := d.SP(); err != nil {
		return nil, err
	}
	p := &SetQuota{Root: root}
	err = d.ParenList(true, func() error {
		name, err := d.Atom()
		if err != nil {
			return err
		}
		if err := d.SP(); err != nil {
			return err
		}
		n, err := d.Number64()
		if err != nil {
			return err
		}
		if n > 1<<62 {
			return d.errorf("limit %d too large", n)
		}
		for _, r := range p.Limits {
			if strings.EqualFold(r.Name, name) {
				return d.errorf("resource %s given twice", name)
			}
		}
		p.Limits = append(p.Limits, QuotaResource{Name: strings.ToUpper(name), Limit: int64(n)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return p, d.End()
}

// QuotaRoot writes "* QUOTAROOT mailbox *(SP root)" (RFC 9208 §5.2).
func (w *Writer) QuotaRoot(mailbox string, roots []string) {
	w.untagged()
	w.Raw("QUOTAROOT ")
	w.MailboxName(mailbox)
	for _, r := range roots {
		w.SP()
		w.AString(r)
	}
	w.CRLF()
}

// Quota writes "* QUOTA root (name usage limit ...)" (RFC 9208 §5.1).
func (w *Writer) Quota(root string, res []QuotaResource) {
	w.untagged()
	w.Raw("QUOTA ")
	w.AString(root)
	w.Raw(" (")
	for i, r := range res {
		if i > 0 {
			w.SP()
		}
		w.Raw(r.Name)
		w.SP()
		w.Number(uint64(max(r.Usage, 0)))
		w.SP()
		w.Number(uint64(max(r.Limit, 0)))
	}
	w.Raw(")")
	w.CRLF()
}
