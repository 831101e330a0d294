package storetest

import (
	"bytes"
	"testing"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

func testQuota(t *testing.T, newStore NewStore) {
	s := newStore(t)
	c := ctx(t)
	a := account(t, s, "alice")
	mb := mailbox(t, a, store.Inbox)
	other := mailbox(t, a, "Other")
	q, err := a.Quota(c)
	must(t, err, "Quota")
	if q.Limits.StorageKB != store.Unlimited || q.Limits.Messages != store.Unlimited || q.Messages != 0 {
		t.Errorf("new account quota = %+v", q)
	}
	kb := bytes.Repeat([]byte("k"), 1024)
	appendKB := func(mb store.Mailbox, policy store.QuotaPolicy) error {
		_, err := mb.Append(c, bytes.NewReader(kb), store.NewMessage{}, store.AppendOptions{Quota: policy})
		return err
	}
	must(t, a.SetQuota(c, store.QuotaLimits{StorageKB: 2, Messages: store.Unlimited}), "SetQuota")
	must(t, appendKB(mb, store.QuotaStrict), "1st KB")
	must(t, appendKB(other, store.QuotaStrict), "2nd KB (in another mailbox of the same root)")
	mustErr(t, appendKB(mb, store.QuotaStrict), store.ErrOverQuota, "3rd KB strict")
	must(t, appendKB(mb, store.QuotaIgnore), "3rd KB ignoring quota (imapd -q, IGNOREQUOTA)")
	// Lenient (Cyrus lmtpd): refused only once already over.
	mustErr(t, appendKB(mb, store.QuotaLenient), store.ErrOverQuota, "lenient while over")
	_, err = mb.Copy(c, imap.UIDSetNum(1), other, store.AppendOptions{})
	mustErr(t, err, store.ErrOverQuota, "COPY over quota")
	// MOVE does not change usage, so it is allowed.
	_, err = mb.Move(c, imap.UIDSetNum(1), other, store.AppendOptions{})
	must(t, err, "MOVE over quota")
	q, _ = a.Quota(c)
	if q.StorageBytes != 3*1024 || q.Messages != 3 || q.Limits.StorageKB != 2 {
		t.Errorf("quota = %+v", q)
	}

	must(t, a.SetQuota(c, store.QuotaLimits{StorageKB: store.Unlimited, Messages: 4}), "SetQuota messages")
	must(t, appendKB(mb, store.QuotaStrict), "4th message")
	mustErr(t, appendKB(mb, store.QuotaStrict), store.ErrOverQuota, "5th message")
	must(t, a.SetQuota(c, store.QuotaLimits{StorageKB: 3, Messages: store.Unlimited}), "SetQuota 3K")
	mustErr(t, appendKB(mb, store.QuotaLenient), store.ErrOverQuota, "lenient over 3K")
	// Lenient lets in the message that crosses the limit, as Cyrus lmtpd.
	must(t, a.SetQuota(c, store.QuotaLimits{StorageKB: 5, Messages: store.Unlimited}), "SetQuota 5K")
	must(t, appendKB(mb, store.QuotaLenient), "lenient below the limit")
	must(t, appendKB(mb, store.QuotaLenient), "lenient at the limit")
	mustErr(t, appendKB(mb, store.QuotaLenient), store.ErrOverQuota, "lenient over the limit")
	q, _ = a.Quota(c)
	if q.StorageBytes != 6*1024 || q.Messages != 6 {
		t.Errorf("usage = %+v", q)
	}
}
