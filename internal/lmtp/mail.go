package lmtp

// cmdMail: RFC 5321 §4.1.1.2 with SIZE, BODY, AUTH= and IGNOREQUOTA.
func (s *session) cmdMail(arg string) error {
	switch {
	case s.lhlo == "":
		return fail(503, "5.5.1", "Send LHLO first")
	case !s.authenticated():
		// As Cyrus: soft_noauth picks a temporary refusal.
		if s.opt.SoftNoAuth {
			return fail(430, "4.7.0", "Authentication required")
		}
		return fail(530, "5.7.0", "Authentication required")
	case s.tx != nil:
		return fail(503, "5.5.1", "Nested MAIL command")
	}
	m, err := parseMail(arg, s.opt.LaxAddresses)
	if err != nil {
		return err
	}
	if s.opt.MaxMessageSize > 0 && m.size > s.opt.MaxMessageSize {
		return &failure{replyTooBig} // RFC 1870 §6.2
	}
	s.tx = &txn{env: Envelope{
		SessionID:   s.id,
		LHLO:        s.lhlo,
		Remote:      s.remote,
		TLS:         s.tlsState,
		PreAuth:     s.opt.PreAuth,
		Identity:    s.ident,
		From:        m.from.raw,
		Size:        m.size,
		Body:        m.body,
		AuthParam:   m.authParam,
		IgnoreQuota: m.ignoreQuota,
	}}
	s.tap.beginTx()
	s.reply(250, "2.1.0", "Ok")
	return nil
}

// cmdRcpt: RFC 5321 §4.1.1.3; the backend decides at once (RFC 2033
// §4.2 lets LMTP refuse recipients here).
func (s *session) cmdRcpt(arg string) error {
	switch {
	case s.tx == nil:
		return &failure{replyNeedMail}
	case s.tx.bdat != nil:
		return fail(503, "5.5.1", "RCPT not permitted during BDAT")
	}
	r, err := parseRcpt(arg, s.opt.LaxAddresses)
	if err != nil {
		return err
	}
	env := &s.tx.env
	if len(env.Recipients) >= s.opt.MaxRecipients {
		return fail(452, "4.5.3", "Too many recipients") // RFC 5321 §4.5.3.1.10
	}
	rcpt := &Recipient{
		Addr:        r.to.raw,
		Local:       r.to.local,
		Domain:      r.to.domain,
		IgnoreQuota: r.ignoreQuota || env.IgnoreQuota,
	}
	ok, reply := s.opt.Backend.Recipient(s.ctx, env, rcpt)
	if !ok {
		if reply == (Reply{}) || reply.Code/100 == 2 {
			reply = replyUnknown
		}
		s.send(normalize(reply))
		return nil
	}
	env.Recipients = append(env.Recipients, rcpt)
	s.tap.recipient(rcpt.User)
	s.reply(250, "2.1.5", "Ok")
	return nil
}
