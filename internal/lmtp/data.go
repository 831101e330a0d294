package lmtp

import (
	"bufio"
	"errors"
	"io"
)

// cmdData: RFC 2033 §4.2. After the final dot, one reply per accepted
// recipient.
func (s *session) cmdData(arg string) error {
	switch {
	case arg != "":
		return fail(501, "5.5.4", "Syntax: DATA")
	case s.tx == nil:
		return &failure{replyNeedMail}
	case s.tx.bdat != nil:
		return fail(503, "5.5.1", "DATA not permitted during BDAT")
	case len(s.tx.env.Recipients) == 0:
		return &failure{replyNoRcpts} // RFC 2033 §4.2: 503
	}
	sp, err := s.newSpool()
	if err != nil {
		// As Cyrus: the DATA command itself fails, with one reply.
		s.log.Error().Err(err).Msg("spool message")
		s.resetTx()
		return &failure{*sp.fail}
	}
	s.reply(354, "", "Go ahead, end with <CR><LF>.<CR><LF>")
	s.nc.pace.data()
	if err := readDot(s.r, sp); err != nil {
		// The client is gone or too slow: no delivery at all.
		sp.close()
		s.resetTx()
		return err
	}
	s.finishMessage(sp)
	return nil
}

// readDot copies the DATA text from r to w up to the terminating
// <CRLF>.<CRLF>, removing dot-stuffing (RFC 5321 §4.5.2). Only CRLF ends
// a line here: a dot after a bare LF is data, so no bare-LF trick can end
// the message early (the filter then refuses the bare LF). Reads are
// bounded by r's buffer; long lines pass in pieces.
func readDot(r *bufio.Reader, w io.Writer) error {
	bol := true // at the beginning of a line
	prevCR := false
	for {
		frag, err := r.ReadSlice('\n')
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return err
		}
		if bol && err == nil && string(frag) == ".\r\n" {
			return nil
		}
		out := frag
		if bol && out[0] == '.' {
			out = out[1:]
		}
		if len(out) > 0 {
			if _, werr := w.Write(out); werr != nil {
				return werr
			}
		}
		n := len(frag)
		bol = err == nil && (n >= 2 && frag[n-2] == '\r' || n == 1 && prevCR)
		prevCR = frag[n-1] == '\r'
	}
}

// finishMessage ends the transaction: Deliver if the message is intact,
// then one reply per recipient, in RCPT order (RFC 2033 §4.2).
func (s *session) finishMessage(sp *spool) {
	tx := s.tx
	s.tx = nil
	defer sp.close()
	n := len(tx.env.Recipients)
	msg, refused := sp.finish()
	if refused != nil {
		s.log.Info().Str("reply", refused.String()).Int("recipients", n).Msg("message refused")
		for range n {
			s.send(*refused)
		}
		s.tap.endTx()
		return
	}
	replies := s.opt.Backend.Deliver(s.ctx, &tx.env, msg)
	if len(replies) != n {
		s.log.Error().Int("replies", len(replies)).Int("recipients", n).
			Msg("backend returned the wrong number of replies")
	}
	for i := range n {
		r := replyInternal
		if i < len(replies) {
			r = s.decorate(replies[i])
		}
		s.send(r)
	}
	s.tap.endTx()
}

// decorate completes a backend's delivery reply; as Cyrus, success and
// over-quota replies carry the session id.
func (s *session) decorate(r Reply) Reply {
	r = normalize(r)
	if r.Code/100 == 2 || r.Enhanced == "4.2.2" || r.Enhanced == "5.2.2" {
		r.Text += " SESSIONID=<" + s.id + ">"
	}
	return r
}
