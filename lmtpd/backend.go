package main

import (
	"context"
	"errors"

	"github.com/corvusmail/corvus/internal/delivery"
	"github.com/corvusmail/corvus/internal/lmtp"
)

// backend connects the LMTP engine to the delivery layer and turns
// delivery errors into LMTP replies, in one place (RFC 2033 §4.2, Cyrus's
// codes and texts).
type backend struct {
	d             *delivery.Deliverer
	overQuotaPerm bool   // lmtp_over_quota_perm_failure
	adm           *admin // the deny list (sessions.go)
}

// Recipient implements lmtp.Backend: the address is resolved and, as
// Cyrus does at RCPT time, a recipient already over quota is refused.
// A client that authenticated must be an admin to deliver, as in Cyrus.
func (b *backend) Recipient(ctx context.Context, env *lmtp.Envelope, r *lmtp.Recipient) (bool, lmtp.Reply) {
	if rep, denied := b.adm.refuse(env); denied {
		return false, rep
	}
	if !env.PreAuth && !env.Identity.Admin {
		return false, lmtp.Reply{Code: 550, Enhanced: "5.7.1", Text: "Not authorized to deliver mail"}
	}
	t, err := b.d.Resolve(ctx, r.Addr)
	if err == nil {
		t.IgnoreQuota = r.IgnoreQuota || env.IgnoreQuota
		err = b.d.CheckQuota(ctx, t, env.Size, t.IgnoreQuota)
	}
	if err != nil {
		rep := b.reply(err)
		countRecipient(rep)
		return false, rep
	}
	r.Value, r.User = t, t.User
	return true, lmtp.Reply{Code: 250, Enhanced: "2.1.5", Text: "Ok"}
}

// Deliver implements lmtp.Backend: one delivery for every accepted
// recipient, one reply each.
func (b *backend) Deliver(ctx context.Context, env *lmtp.Envelope, msg *lmtp.Message) []lmtp.Reply {
	targets := make([]delivery.Target, len(env.Recipients))
	for i, r := range env.Recipients {
		targets[i], _ = r.Value.(delivery.Target)
	}
	who := env.AuthParam
	if env.Identity.Authz != "" && who == "" {
		who = env.Identity.Authz
	}
	res := b.d.Deliver(ctx, delivery.Message{
		Body: msg, Size: msg.Size(), EnvelopeFrom: env.From, AuthUser: who,
		MessageID: msg.MessageID, IgnoreQuota: env.IgnoreQuota,
	}, targets)
	out := make([]lmtp.Reply, len(res))
	for i, r := range res {
		out[i] = b.reply(r.Err)
		countRecipient(out[i])
	}
	return out
}

// reply maps a delivery outcome to its LMTP reply, in the order the
// delivery package documents.
func (b *backend) reply(err error) lmtp.Reply {
	switch {
	case err == nil:
		return lmtp.Reply{Code: 250, Enhanced: "2.1.5", Text: "Ok"}
	case errors.Is(err, delivery.ErrBadAddress):
		return lmtp.Reply{Code: 501, Enhanced: "5.1.3", Text: "Bad recipient address syntax"}
	case errors.Is(err, delivery.ErrUnknownUser), errors.Is(err, delivery.ErrMailboxMissing):
		return lmtp.Reply{Code: 550, Enhanced: "5.1.1", Text: "User unknown"}
	case errors.Is(err, delivery.ErrOverQuota) && b.overQuotaPerm:
		return lmtp.Reply{Code: 552, Enhanced: "5.2.2", Text: "Over quota"}
	case errors.Is(err, delivery.ErrOverQuota):
		return lmtp.Reply{Code: 452, Enhanced: "4.2.2", Text: "Over quota"}
	}
	return lmtp.Reply{Code: 451, Enhanced: "4.3.0", Text: "Temporary failure, try again later"}
}
