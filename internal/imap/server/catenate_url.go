package server

import (
	"errors"
	"strconv"
	"strings"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
)

// imapURL is the part of an IMAP URL (RFC 5092) that CATENATE needs
// (RFC 4469 §3): one message, or a section or range of it.
type imapURL struct {
	// absolute: the URL named a server ("imap://[user@]host/...").
	absolute bool
	user     string // enc-user decoded; "" when absent
	host     string
	// mailbox is the decoded enc-mailbox; nil for a relative URL
	// (";UID=n..."), whose mailbox is the selected one.
	mailbox     []byte
	uidValidity uint32 // 0 when absent
	uid         imap.UID
	section     *imap.FetchItemBodySection // nil for the whole message
	partial     *imap.SectionPartial       // ";PARTIAL=", nil when absent
	// urlauth: the URL carries ";EXPIRE=" or ";URLAUTH=", which only
	// URLAUTH (RFC 4467) can honour.
	urlauth bool
}

// errURLSyntax is a string that is no IMAP message URL at all.
var errURLSyntax = errors.New("invalid IMAP URL")

// parseIMAPURL parses the three forms RFC 4469 §3 lets a client send: an
// absolute "imap://" URL, an absolute path "/mailbox[;UIDVALIDITY=n]/;UID=
// n..." (RFC 5092 §7 relative to this server) and ";UID=n..." relative to
// the selected mailbox. Keywords are matched without regard to case.
func parseIMAPURL(s string) (*imapURL, error) {
	u := &imapURL{}
	if err := checkURLChars(s); err != nil {
		return nil, err
	}
	switch {
	case hasPrefixFold(s, "imap://"):
		rest, err := u.authority(s[len("imap://"):])
		if err != nil {
			return nil, err
		}
		u.absolute = true
		return u, u.path(rest)
	case strings.HasPrefix(s, "/"):
		return u, u.path(s)
	case hasPrefixFold(s, ";UID="):
		return u, u.message(s)
	}
	return nil, errURLSyntax
}

// checkURLChars refuses what no URL holds: controls, space, 8-bit octets
// and the delimiters RFC 3986 §2 excludes.
func checkURLChars(s string) error {
	if s == "" {
		return errURLSyntax
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x7f || strings.IndexByte("\"<>\\^`{|}#", c) >= 0 {
			return errURLSyntax
		}
	}
	return nil
}

// authority reads [iuserinfo "@"] host [":" port] up to the path; the
// userinfo's ";AUTH=" mechanism is irrelevant to a URL this server
// resolves for an already logged-in user.
func (u *imapURL) authority(s string) (string, error) {
	end := strings.IndexByte(s, '/')
	if end < 0 {
		return "", errURLSyntax
	}
	auth, rest := s[:end], s[end:]
	if at := strings.LastIndexByte(auth, '@'); at >= 0 {
		info := auth[:at]
		auth = auth[at+1:]
		if i := indexFold(info, ";AUTH="); i >= 0 {
			info = info[:i]
		}
		user, err := percentDecode(info)
		if err != nil {
			return "", err
		}
		u.user = string(user)
	}
	if i := strings.LastIndexByte(auth, ':'); i >= 0 && !strings.Contains(auth[i:], "]") {
		if _, err := strconv.ParseUint(auth[i+1:], 10, 16); err != nil && auth[i+1:] != "" {
			return "", errURLSyntax
		}
		auth = auth[:i]
	}
	if auth == "" {
		return "", errURLSyntax
	}
	u.host = auth
	return rest, nil
}

// path reads "/" enc-mailbox [";UIDVALIDITY=" nz-number] iuid ....
func (u *imapURL) path(s string) error {
	s = s[1:]
	i := indexFold(s, "/;UID=")
	if i <= 0 {
		return errURLSyntax
	}
	mbox, params := s[:i], ""
	if j := strings.IndexByte(mbox, ';'); j >= 0 {
		mbox, params = mbox[:j], mbox[j:]
	}
	if mbox == "" {
		return errURLSyntax
	}
	if params != "" {
		v, ok := cutPrefixFold(params, ";UIDVALIDITY=")
		n, err := strconv.ParseUint(v, 10, 32)
		if !ok || err != nil || n == 0 || v[0] == '+' {
			return errURLSyntax
		}
		u.uidValidity = uint32(n)
	}
	name, err := percentDecode(mbox)
	if err != nil {
		return err
	}
	u.mailbox = name
	return u.message(s[i+1:])
}

// message reads ";UID=" nz-number ["/;SECTION=" enc-section]
// ["/;PARTIAL=" number ["." nz-number]] [iurlauth].
func (u *imapURL) message(s string) error {
	s, _ = cutPrefixFold(s, ";UID=")
	end := strings.IndexAny(s, "/;")
	if end < 0 {
		end = len(s)
	}
	uid, err := strconv.ParseUint(s[:end], 10, 32)
	if err != nil || uid == 0 || s[0] == '+' {
		return errURLSyntax
	}
	u.uid, s = imap.UID(uid), s[end:]
	if v, ok := cutPrefixFold(s, "/;SECTION="); ok {
		end := strings.IndexAny(v, "/;")
		if end < 0 {
			end = len(v)
		}
		spec, err := percentDecode(v[:end])
		if err != nil {
			return err
		}
		if u.section, err = wire.ParseSection(spec); err != nil || len(spec) == 0 {
			return errURLSyntax
		}
		s = v[end:]
	}
	if v, ok := cutPrefixFold(s, "/;PARTIAL="); ok {
		end := strings.IndexByte(v, ';')
		if end < 0 {
			end = len(v)
		}
		if u.partial, err = parsePartialRange(v[:end]); err != nil {
			return err
		}
		s = v[end:]
	}
	switch {
	case s == "":
		return nil
	case hasPrefixFold(s, ";EXPIRE="), hasPrefixFold(s, ";URLAUTH="):
		u.urlauth = true
		return nil
	}
	return errURLSyntax
}

// parsePartialRange reads partial-range = number ["." nz-number]
// (RFC 5092 §9): an offset and an optional length.
func parsePartialRange(s string) (*imap.SectionPartial, error) {
	off, length, hasLen := strings.Cut(s, ".")
	o, err := strconv.ParseUint(off, 10, 32)
	if err != nil || off[0] == '+' {
		return nil, errURLSyntax
	}
	p := &imap.SectionPartial{Offset: int64(o), Size: 1 << 62}
	if hasLen {
		n, err := strconv.ParseUint(length, 10, 32)
		if err != nil || n == 0 || length[0] == '+' {
			return nil, errURLSyntax
		}
		p.Size = int64(n)
	}
	return p, nil
}

// percentDecode undoes RFC 3986 §2.1 percent-encoding.
func percentDecode(s string) ([]byte, error) {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			out = append(out, s[i])
			continue
		}
		if i+2 >= len(s) {
			return nil, errURLSyntax
		}
		v, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
		if err != nil || s[i+1] == '+' {
			return nil, errURLSyntax
		}
		out = append(out, byte(v))
		i += 2
	}
	return out, nil
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if !hasPrefixFold(s, prefix) {
		return s, false
	}
	return s[len(prefix):], true
}

// indexFold is strings.Index for an ASCII needle, ignoring case.
func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}
