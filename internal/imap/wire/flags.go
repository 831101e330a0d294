package wire

import (
	"strings"

	"github.com/emersion/go-imap/v2"
)

// flagRecent is RFC 3501's \Recent, gone from IMAP4rev2 and from the imap
// package's constants.
const flagRecent imap.Flag = `\Recent`

// systemFlags spell the system flags canonically: flags are
// case-insensitive (RFC 9051 §2.3.2), so "\SEEN" is stored as "\Seen".
var systemFlags = map[string]imap.Flag{
	`\ANSWERED`: imap.FlagAnswered,
	`\FLAGGED`:  imap.FlagFlagged,
	`\DELETED`:  imap.FlagDeleted,
	`\SEEN`:     imap.FlagSeen,
	`\DRAFT`:    imap.FlagDraft,
	`\RECENT`:   flagRecent,
}

// CanonicalFlag spells a system flag canonically and leaves keywords and
// other flag extensions as they are.
func CanonicalFlag(f imap.Flag) imap.Flag {
	if len(f) > 0 && f[0] == '\\' {
		if c, ok := systemFlags[strings.ToUpper(string(f))]; ok {
			return c
		}
	}
	return f
}

// Flag reads a flag: "\" atom (system flag or flag-extension) or an atom
// (flag-keyword).
func (d *Decoder) Flag() (imap.Flag, error) {
	backslash := d.Consume('\\')
	a, err := d.Atom()
	if err != nil {
		return "", d.errorf("expected flag")
	}
	if backslash {
		return CanonicalFlag(imap.Flag(`\` + a)), nil
	}
	return imap.Flag(a), nil
}

// FlagList reads flag-list = "(" [flag *(SP flag)] ")".
func (d *Decoder) FlagList() ([]imap.Flag, error) {
	flags := []imap.Flag{}
	err := d.ParenList(true, func() error {
		f, err := d.Flag()
		flags = append(flags, f)
		return err
	})
	return flags, err
}
