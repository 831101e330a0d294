package wire

import (
	"strings"

	"github.com/emersion/go-imap/v2"
)

// IDParam is one field of an ID parameter list (RFC 2971); Value is nil
// for NIL.
type IDParam struct {
	Key   string
	Value *string
}

// RFC 2971 §3.3 limits.
const (
	maxIDPairs    = 30
	maxIDKeyLen   = 30
	maxIDValueLen = 1024
)

// ParseID parses ID's argument: SP ("(" string SP nstring *(SP string SP
// nstring) ")" / NIL). NIL gives no parameters.
func ParseID(d *Decoder) ([]IDParam, error) {
	if err := d.SP(); err != nil {
		return nil, err
	}
	if d.ConsumeFold("NIL") {
		return nil, d.End()
	}
	var params []IDParam
	err := d.ParenList(false, func() error {
		if len(params) >= maxIDPairs {
			return d.errorf("too many ID fields")
		}
		k, err := d.Str()
		if err != nil {
			return err
		}
		if err := d.SP(); err != nil {
			return err
		}
		v, isNil, err := d.NString()
		if err != nil {
			return err
		}
		if len(k) > maxIDKeyLen || len(v) > maxIDValueLen {
			return d.errorf("ID field too long")
		}
		p := IDParam{Key: k}
		if !isNil {
			p.Value = &v
		}
		params = append(params, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return params, d.End()
}

// IDData gathers the fields go-imap knows into an imap.IDData; field
// names are case-insensitive (RFC 2971 §3.3), unknown ones are dropped.
func IDData(params []IDParam) *imap.IDData {
	data := &imap.IDData{}
	fields := map[string]*string{
		"name": &data.Name, "version": &data.Version, "os": &data.OS,
		"os-version": &data.OSVersion, "vendor": &data.Vendor,
		"support-url": &data.SupportURL, "address": &data.Address,
		"date": &data.Date, "command": &data.Command,
		"arguments": &data.Arguments, "environment": &data.Environment,
	}
	for _, p := range params {
		if f, ok := fields[strings.ToLower(p.Key)]; ok && p.Value != nil {
			*f = *p.Value
		}
	}
	return data
}
