package lmtp

import (
	"io"
	"strconv"
)

// cmdBdat: RFC 3030 §2-3. The chunk's octets are always read, even when
// the command is refused, to stay in step with the client. Each chunk but
// the last gets one reply; BDAT LAST gets one per recipient, as DATA's
// end (RFC 2033 §4.2).
func (s *session) cmdBdat(arg string) error {
	size, last, ok := parseBdat(arg)
	if !ok {
		// Without the size the next command cannot be found.
		s.reply(501, "5.5.4", "Syntax: BDAT chunk-size [LAST]")
		return errClose
	}
	s.nc.pace.data()
	var refuse *Reply
	switch {
	case s.tx == nil:
		refuse = &replyNeedMail
	case len(s.tx.env.Recipients) == 0:
		refuse = &replyNoRcpts
	}
	if refuse != nil {
		if _, err := io.CopyN(io.Discard, s.r, size); err != nil {
			return s.abandon(err)
		}
		if last {
			s.resetTx()
		}
		return &failure{*refuse}
	}
	if s.tx.bdat == nil {
		sp, err := s.newSpool()
		if err != nil {
			s.log.Error().Err(err).Msg("spool message")
		}
		s.tx.bdat = sp
	}
	sp := s.tx.bdat
	if _, err := io.CopyN(sp, s.r, size); err != nil {
		return s.abandon(err)
	}
	if last {
		s.finishMessage(sp)
		return nil
	}
	if r := sp.failure(); r != nil {
		return &failure{*r}
	}
	s.reply(250, "2.0.0", strconv.FormatInt(size, 10)+" octets received")
	return nil
}

// abandon drops the transaction after the client stopped sending in the
// middle of a chunk: no delivery.
func (s *session) abandon(err error) error {
	s.resetTx()
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return err
}
