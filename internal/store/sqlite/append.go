package sqlite

import (
	"context"
	"errors"
	"io"
	"strings"
	"time"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

// Append implements store.Mailbox.
func (mb *mailbox) Append(ctx context.Context, body io.Reader, msg store.NewMessage, opts store.AppendOptions) (store.AppendResult, error) {
	res, err := mb.AppendMany(ctx, []store.AppendItem{{Body: body, Message: msg}}, opts)
	if err != nil {
		return store.AppendResult{}, err
	}
	return store.AppendResult{UIDValidity: res.UIDValidity, UID: res.UIDs[0]}, nil
}

// AppendMany implements store.Mailbox. The order of writes is what makes
// it crash-safe (see the package documentation): every file is written and
// fsync'd, its name made durable (a spare's already is, see spares.go;
// else its directory is fsync'd), and only then does one transaction make
// all the messages visible at once.
func (mb *mailbox) AppendMany(ctx context.Context, items []store.AppendItem, opts store.AppendOptions) (store.MultiAppendResult, error) {
	var res store.MultiAppendResult
	for _, it := range items {
		if _, err := store.CanonicalFlags(it.Message.Flags); err != nil {
			return res, mb.wrap("append", err)
		}
	}
	files := make([]spooled, 0, len(items))
	for _, it := range items {
		sp, err := mb.u.writeMessage(it.Body)
		if err != nil {
			removeSpooled(files)
			return res, mb.wrap("append", err)
		}
		files = append(files, sp)
	}
	if err := syncDirs(files); err != nil {
		removeSpooled(files)
		return res, mb.wrap("append", err)
	}
	err := mb.u.write(ctx, func(w *wtx) error {
		res = store.MultiAppendResult{}
		m, err := w.mailbox(mb.id)
		if err != nil {
			return err
		}
		if err := w.checkSpooledQuota(opts.Quota, files); err != nil {
			return err
		}
		res.UIDValidity = m.uidvalidity
		for i, it := range items {
			uid, err := w.appendOne(m, files[i], &it.Message)
			if err != nil {
				return err
			}
			res.UIDs = append(res.UIDs, uid)
		}
		return nil
	})
	if err != nil {
		if !errors.Is(err, errCommitUnknown) {
			removeSpooled(files)
		}
		return store.MultiAppendResult{}, mb.wrap("append", err)
	}
	return res, nil
}

// appendOne records one spooled message in m.
func (w *wtx) appendOne(m *mboxRow, sp spooled, msg *store.NewMessage) (imap.UID, error) {
	bits, kw, err := w.canonicalFlags(msg.Flags)
	if err != nil {
		return 0, err
	}
	internal := internalDate(msg.InternalDate, w.now)
	cid, err := w.addContent(sp, &msg.Summary, msg.Structure, internal)
	if err != nil {
		return 0, err
	}
	return w.addMessage(m, newRow{content: cid, size: sp.size, bits: bits, keywords: strings.Join(kw, " "), internal: internal})
}

// internalDate is the INTERNALDATE to store: the given one (zone kept) or
// now, in whole seconds as IMAP shows them.
func internalDate(t, now time.Time) time.Time {
	if t.IsZero() {
		t = now
	}
	return t.Truncate(time.Second)
}
