package lmtp

import (
	"bytes"
	"io"
)

// filterOptions are the content rules for one message.
type filterOptions struct {
	maxHeaderLine int  // octets per header line, CRLF excluded
	eightBitMIME  bool // BODY=8BITMIME: 8-bit header octets are fine
	reject8Bit    bool // reject8bit
	keep8Bit      bool // munge8bit: no
	newMessageID  func() string
	date          string // for a missing Date
}

// maxIDLen bounds the Message-ID value kept (RFC 5322 line limit).
const maxIDLen = 998

// filter checks and rewrites the message octets on their way to the
// spool. It is a state machine over the stream, so DATA lines and BDAT
// chunks of any size and split feed it the same way. The rules are
// Cyrus's (message_copy_strict and spool_fill_hdrcache): every line ends
// in CRLF, no NUL, header lines are "name:" or continuations, 8-bit
// header octets are munged or refused; Return-Path from the client is
// dropped, a missing Message-ID or Date added. The first violation is
// kept in fail and nothing more is written.
type filter struct {
	out io.Writer
	opt filterOptions

	body     bool   // past the header
	line     []byte // current header line
	prevCR   bool
	skipping bool // inside a dropped Return-Path field
	// collecting says which field's continuation lines feed msgID or
	// resentID: 0 none, 1 Message-ID, 2 Resent-Message-ID.
	collecting                int
	msgID, resentID           []byte
	sawMsgID, sawResent, date bool

	written    int64 // octets written to out
	bodyOffset int64 // written when the header ended
	eightBit   bool
	messageID  string
	fail       *Reply
}

func newFilter(out io.Writer, opt filterOptions) *filter {
	return &filter{out: out, opt: opt, bodyOffset: -1}
}

// Write consumes message octets; it never fails (see fail).
func (f *filter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 && f.fail == nil {
		if f.body {
			f.bodyBytes(p)
			break
		}
		p = p[f.headerBytes(p):]
	}
	return n, nil
}

// close ends the message and reports its verdict.
func (f *filter) close() *Reply {
	switch {
	case f.fail != nil:
	case f.prevCR:
		f.failWith(replyBareNL)
	case !f.body && len(f.line) > 0:
		// An unterminated last header line (as Cyrus 3.x).
		f.failWith(replyBadHeader)
	case !f.body:
		// No empty line: the message is all header (as Cyrus 3.x, fine).
		f.endHeader()
		f.bodyOffset = f.written
	}
	return f.fail
}

func (f *filter) failWith(r Reply) {
	if f.fail == nil {
		f.fail = &r
	}
}

// lineEnd checks c against the CRLF rule (RFC 5321 §2.3.8).
func (f *filter) lineEnd(c byte) bool {
	if (f.prevCR && c != '\n') || (c == '\n' && !f.prevCR) {
		f.failWith(replyBareNL)
		return false
	}
	f.prevCR = c == '\r'
	return true
}

// bodyBytes checks and writes body octets.
func (f *filter) bodyBytes(p []byte) {
	for _, c := range p {
		switch {
		case c == 0:
			f.failWith(replyNUL)
			return
		case c == '\r' || c == '\n' || f.prevCR:
			if !f.lineEnd(c) {
				return
			}
		case c >= 0x80:
			f.eightBit = true
		}
	}
	f.emit(p)
}

// headerBytes takes header octets up to the end of the header and
// returns how many it consumed.
func (f *filter) headerBytes(p []byte) int {
	for i, c := range p {
		switch {
		case c == 0:
			f.failWith(replyNUL)
			return len(p)
		case c == '\r' || c == '\n' || f.prevCR:
			if !f.lineEnd(c) {
				return len(p)
			}
		case c >= 0x80:
			if c = f.header8Bit(c); f.fail != nil {
				return len(p)
			}
		}
		if len(f.line) >= f.opt.maxHeaderLine+2 {
			f.failWith(replyBadHeader)
			return len(p)
		}
		f.line = append(f.line, c)
		if c == '\n' {
			f.headerLine()
			if f.body || f.fail != nil {
				return i + 1
			}
		}
	}
	return len(p)
}

// header8Bit applies the 8-bit header rule to c.
func (f *filter) header8Bit(c byte) byte {
	switch {
	case f.opt.eightBitMIME || f.opt.keep8Bit:
		f.eightBit = true
		return c
	case f.opt.reject8Bit:
		f.failWith(reply8Bit)
		return c
	}
	return 'X'
}

// headerLine handles one complete header line, CRLF included.
func (f *filter) headerLine() {
	line := f.line
	f.line = f.line[:0]
	if len(line) == 2 { // the empty line
		f.endHeader()
		f.emit(line)
		f.bodyOffset = f.written
		f.body = true
		return
	}
	if line[0] == ' ' || line[0] == '\t' {
		if !f.skipping {
			f.collect(line)
			f.emit(line)
		}
		return
	}
	colon := bytes.IndexByte(line, ':')
	if colon <= 0 || !validFieldName(line[:colon]) {
		f.failWith(replyBadHeader)
		return
	}
	f.field(line[:colon])
	if f.skipping {
		return
	}
	f.collect(line[colon+1:])
	f.emit(line)
}

// field notes a new header field's name.
func (f *filter) field(name []byte) {
	f.skipping, f.collecting = false, 0
	switch {
	case bytes.EqualFold(name, []byte("Return-Path")):
		f.skipping = true // as Cyrus: ours replaces it
	case bytes.EqualFold(name, []byte("Message-ID")) && !f.sawMsgID:
		f.sawMsgID, f.collecting = true, 1
	case bytes.EqualFold(name, []byte("Resent-Message-ID")) && !f.sawResent:
		f.sawResent, f.collecting = true, 2
	case bytes.EqualFold(name, []byte("Date")):
		f.date = true
	}
}

// collect keeps (unfolded) value text of the Message-ID fields.
func (f *filter) collect(v []byte) {
	v = bytes.TrimRight(v, "\r\n")
	switch f.collecting {
	case 1:
		f.msgID = appendBounded(f.msgID, v)
	case 2:
		f.resentID = appendBounded(f.resentID, v)
	}
}

func appendBounded(dst, v []byte) []byte {
	if room := maxIDLen - len(dst); len(v) > room {
		v = v[:max(room, 0)]
	}
	return append(dst, v...)
}

// endHeader settles the message id and adds what Cyrus adds: as Cyrus,
// Resent-Message-ID wins over Message-ID, an empty Message-ID is an
// invalid header, and missing Message-ID or Date are generated.
func (f *filter) endHeader() {
	resent, id := bytes.TrimSpace(f.resentID), bytes.TrimSpace(f.msgID)
	switch {
	case len(resent) > 0:
		f.messageID = string(resent)
	case len(id) > 0:
		f.messageID = string(id)
	case f.sawMsgID:
		f.failWith(replyBadHeader)
		return
	default:
		f.messageID = f.opt.newMessageID()
		f.emit([]byte("Message-ID: " + f.messageID + "\r\n"))
	}
	if !f.date {
		f.emit([]byte("Date: " + f.opt.date + "\r\n"))
	}
}

func (f *filter) emit(b []byte) {
	n, _ := f.out.Write(b) // write errors surface when the spool is flushed
	f.written += int64(n)
}

// validFieldName: RFC 5322 §2.2, printable ASCII except colon.
func validFieldName(name []byte) bool {
	for _, c := range name {
		if c < 33 || c > 126 {
			return false
		}
	}
	return true
}
