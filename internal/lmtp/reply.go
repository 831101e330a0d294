package lmtp

import (
	"fmt"
	"strconv"
	"strings"
)

// Reply is one LMTP reply: a code, an RFC 3463 enhanced status code and
// text, e.g. {250, "2.1.5", "Ok"}.
type Reply struct {
	Code     int
	Enhanced string
	Text     string
}

// String formats r as it goes on the wire, without CRLF.
func (r Reply) String() string {
	if r.Enhanced == "" {
		return fmt.Sprintf("%03d %s", r.Code, r.Text)
	}
	return fmt.Sprintf("%03d %s %s", r.Code, r.Enhanced, r.Text)
}

// failure is an error that carries the reply to send for it.
type failure struct{ r Reply }

func (f *failure) Error() string { return f.r.String() }

func fail(code int, enhanced, text string) error {
	return &failure{Reply{code, enhanced, text}}
}

// Replies the engine sends in more than one place. Texts are Cyrus's
// where Cyrus has the case.
var (
	replyOK        = Reply{250, "2.0.0", "Ok"}
	replyTooBig    = Reply{552, "5.2.3", "Message size exceeds fixed maximum message size"}
	replyBareNL    = Reply{554, "5.6.0", "Message contains bare newlines"}
	replyNUL       = Reply{554, "5.6.0", "Message contains NUL characters"}
	replyBadHeader = Reply{554, "5.6.0", "Message contains invalid header"}
	reply8Bit      = Reply{554, "5.6.0", "Message contains non-ASCII characters in headers"}
	replyInternal  = Reply{451, "4.3.0", "Unexpected internal error"}
	replyIOError   = Reply{451, "4.3.0", "System I/O error"}
	replyNoSpace   = Reply{451, "4.3.1", "Insufficient system storage"}
	replyNeedMail  = Reply{503, "5.5.1", "Need MAIL command"}
	replyNoRcpts   = Reply{503, "5.5.1", "No recipients"}
	replyUnknown   = Reply{550, "5.1.1", "User unknown"}
)

// normalize makes a backend's reply safe to send: a valid code, an
// enhanced code of the right class, one line of text.
func normalize(r Reply) Reply {
	class := r.Code / 100
	if r.Code < 200 || r.Code > 599 || class == 3 {
		return replyInternal
	}
	if !validEnhanced(r.Enhanced, class) {
		r.Enhanced = strconv.Itoa(class) + ".0.0"
	}
	r.Text = strings.Map(func(c rune) rune {
		if c == '\r' || c == '\n' || c == 0 {
			return ' '
		}
		return c
	}, r.Text)
	if strings.TrimSpace(r.Text) == "" {
		r.Text = map[int]string{2: "Ok", 4: "Temporary failure", 5: "Permanent failure"}[class]
	}
	return r
}

// validEnhanced checks RFC 3463 §2 syntax (class.subject.detail, the
// class matching the reply code's first digit; RFC 2034 §3).
func validEnhanced(e string, class int) bool {
	parts := strings.Split(e, ".")
	if len(parts) != 3 || parts[0] != strconv.Itoa(class) {
		return false
	}
	for _, p := range parts[1:] {
		if p == "" || len(p) > 3 || strings.Trim(p, "0123456789") != "" {
			return false
		}
	}
	return true
}
