package wire

import (
	"strconv"
	"strings"

	"github.com/emersion/go-imap/v2"
)

// Response codes go-imap's imap package does not name (RFC 9051 §7.1,
// RFC 4315, RFC 7162, RFC 8474, RFC 6154).
const (
	CodeNameCapability     imap.ResponseCode = "CAPABILITY"
	CodeNamePermanentFlags imap.ResponseCode = "PERMANENTFLAGS"
	CodeNameUIDNext        imap.ResponseCode = "UIDNEXT"
	CodeNameUIDValidity    imap.ResponseCode = "UIDVALIDITY"
	CodeNameUnseen         imap.ResponseCode = "UNSEEN"
	CodeNameReadOnly       imap.ResponseCode = "READ-ONLY"
	CodeNameReadWrite      imap.ResponseCode = "READ-WRITE"
	CodeNameAppendUID      imap.ResponseCode = "APPENDUID"
	CodeNameCopyUID        imap.ResponseCode = "COPYUID"
	CodeNameUIDNotSticky   imap.ResponseCode = "UIDNOTSTICKY"
	CodeNameHighestModSeq  imap.ResponseCode = "HIGHESTMODSEQ"
	CodeNameNoModSeq       imap.ResponseCode = "NOMODSEQ"
	CodeNameModified       imap.ResponseCode = "MODIFIED"
	CodeNameClosed         imap.ResponseCode = "CLOSED"
	CodeNameMailboxID      imap.ResponseCode = "MAILBOXID"
	CodeNameUseAttr        imap.ResponseCode = "USEATTR"
	CodeNameNotSaved       imap.ResponseCode = "NOTSAVED"
	CodeNameMetadata       imap.ResponseCode = "METADATA"
)

// Code is a response code with its arguments already encoded.
type Code struct {
	Name imap.ResponseCode // "" for no code
	args string            // " arg..." or ""
}

// PlainCode is a code without arguments (ALERT, TRYCREATE, TOOBIG,
// OVERQUOTA, READ-ONLY, ...).
func PlainCode(name imap.ResponseCode) Code { return Code{Name: name} }

// String renders the code as it appears between the brackets.
func (c Code) String() string { return string(c.Name) + c.args }

// CapabilityCode is [CAPABILITY cap...].
func CapabilityCode(caps []imap.Cap) Code {
	var sb strings.Builder
	for _, c := range caps {
		sb.WriteString(" " + string(c))
	}
	return Code{CodeNameCapability, sb.String()}
}

// PermanentFlagsCode is [PERMANENTFLAGS (flag...)], "\*" included if
// the caller lists it.
func PermanentFlagsCode(flags []imap.Flag) Code {
	w := &Writer{}
	w.FlagList(flags)
	return Code{CodeNamePermanentFlags, " " + string(w.buf)}
}

// UIDNextCode is [UIDNEXT n].
func UIDNextCode(uid imap.UID) Code { return numCode(CodeNameUIDNext, uint64(uid)) }

// UIDValidityCode is [UIDVALIDITY n].
func UIDValidityCode(v uint32) Code { return numCode(CodeNameUIDValidity, uint64(v)) }

// UnseenCode is RFC 3501's [UNSEEN n].
func UnseenCode(seq uint32) Code { return numCode(CodeNameUnseen, uint64(seq)) }

// HighestModSeqCode is [HIGHESTMODSEQ n] (RFC 7162).
func HighestModSeqCode(m uint64) Code { return numCode(CodeNameHighestModSeq, m) }

// AppendUIDCode is [APPENDUID uidvalidity uid-set] (RFC 4315 §3).
func AppendUIDCode(uidValidity uint32, uids imap.UIDSet) Code {
	return Code{CodeNameAppendUID, " " + strconv.FormatUint(uint64(uidValidity), 10) + " " + uids.String()}
}

// CopyUIDCode is [COPYUID uidvalidity source-set dest-set] (RFC 4315 §3).
// imap.UIDSet keeps its ranges sorted, and RFC 4315 pairs the n-th
// source UID with the n-th destination UID, so the engine copies in
// ascending source-UID order (as Cyrus does) for the two to line up.
func CopyUIDCode(uidValidity uint32, src, dst imap.UIDSet) Code {
	return Code{CodeNameCopyUID, " " + strconv.FormatUint(uint64(uidValidity), 10) + " " + src.String() + " " + dst.String()}
}

// ModifiedCode is [MODIFIED set] (RFC 7162 §3.1.3).
func ModifiedCode(set imap.NumSet) Code { return Code{CodeNameModified, " " + set.String()} }

// BadCharsetCode is [BADCHARSET (charset...)], or bare with none.
func BadCharsetCode(charsets []string) Code {
	if len(charsets) == 0 {
		return Code{Name: imap.ResponseCodeBadCharset}
	}
	w := &Writer{}
	w.Raw(" (")
	for i, cs := range charsets {
		if i > 0 {
			w.SP()
		}
		w.AString(cs)
	}
	w.Raw(")")
	return Code{imap.ResponseCodeBadCharset, string(w.buf)}
}

// MailboxIDCode is [MAILBOXID (id)] (RFC 8474 §4.1).
func MailboxIDCode(id string) Code { return Code{CodeNameMailboxID, " (" + id + ")"} }

func numCode(name imap.ResponseCode, n uint64) Code {
	return Code{name, " " + strconv.FormatUint(n, 10)}
}

// Status writes a status response line: tag (or "*" when tag is "")
// SP type [SP "[" code "]"] [SP text] CRLF. CR and LF in text become
// spaces so a message can never end the line early.
func (w *Writer) Status(tag string, typ imap.StatusResponseType, code Code, text string) {
	if tag == "" {
		tag = "*"
	}
	w.Raw(tag)
	w.SP()
	w.Raw(string(typ))
	if code.Name != "" {
		w.Raw(" [")
		w.Raw(code.String())
		w.Raw("]")
	}
	if text != "" {
		w.SP()
		w.text(text)
	}
	w.CRLF()
}

// StatusResponse writes sr (whose code, if any, takes no arguments).
func (w *Writer) StatusResponse(tag string, sr *imap.StatusResponse) {
	w.Status(tag, sr.Type, PlainCode(sr.Code), sr.Text)
}

// Continue writes a continuation request "+ text" (RFC 9051 §7.5); for
// AUTHENTICATE, text is the base64 challenge.
func (w *Writer) Continue(text string) {
	w.Raw("+ ")
	w.text(text)
	w.CRLF()
}

// text appends human text, with CR, LF and NUL replaced by spaces.
func (w *Writer) text(s string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\r' || c == '\n' || c == 0 {
			c = ' '
		}
		w.buf = append(w.buf, c)
	}
}
