// Package autocreate is Cyrus's autocreate: what a user's account gets
// when it is created on first use, by a delivery (lmtpd with
// autocreate_post) or a first login (imapd). Both paths apply the same
// settings, read once from imapd.conf: a subscription to INBOX, the
// autocreate_quota limits, and the autocreate_inbox_folders (those also
// in autocreate_subscribe_folders subscribed).
package autocreate

import (
	"context"
	"errors"
	"strings"

	"github.com/rs/zerolog"

	"github.com/corvusmail/corvus/conf/imapdconf"
	"github.com/corvusmail/corvus/internal/store"
)

// Settings are the autocreate_* options.
type Settings struct {
	// Post: a delivery may create the account of an unknown recipient
	// (autocreate_post).
	Post bool
	// Users may be autocreated: "anyone", or user names
	// (autocreate_users, space-separated). Cyrus's groups are not
	// supported and never match.
	Users []string
	// InboxFolders are created with the account, and those of them also in
	// SubscribeFolders are subscribed (autocreate_inbox_folders,
	// autocreate_subscribe_folders), in the external notation ('/' or '.'
	// between levels, as unixhierarchysep says).
	InboxFolders     []string
	SubscribeFolders []string
	// Quota is set on a new account; nil means none (autocreate_quota in
	// KiB and autocreate_quota_messages, both negative).
	Quota *store.QuotaLimits
}

// SettingsFrom reads the settings from imapd.conf (normally a service's
// view of it).
func SettingsFrom(c *imapdconf.Config) Settings {
	return Settings{
		Post:             c.Switch("autocreate_post"),
		Users:            strings.Fields(c.String("autocreate_users")),
		InboxFolders:     SplitFolders(c.String("autocreate_inbox_folders")),
		SubscribeFolders: SplitFolders(c.String("autocreate_subscribe_folders")),
		Quota:            Quota(c.ByteSize("autocreate_quota"), c.Int("autocreate_quota_messages")),
	}
}

// SplitFolders splits a '|'-separated folder list and trims each name,
// as Cyrus's autocreate does. Empty names are dropped.
func SplitFolders(s string) []string {
	var out []string
	for _, f := range strings.Split(s, "|") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// Quota turns the autocreate quota options into limits. As in Cyrus,
// nothing is set when both are negative. storage is in bytes (the option
// is given in KiB) and is rounded up to whole KiB.
func Quota(storage, messages int64) *store.QuotaLimits {
	if storage < 0 && messages < 0 {
		return nil
	}
	q := store.QuotaLimits{StorageKB: store.Unlimited, Messages: store.Unlimited}
	if storage >= 0 {
		q.StorageKB = (storage + 1023) / 1024
	}
	if messages >= 0 {
		q.Messages = messages
	}
	return &q
}

// SetUp gives a newly created account what Cyrus's autocreate gives it,
// in the same order: a subscription to INBOX, the quota, then the INBOX
// folders (with subscriptions to those listed in both lists). name maps a
// folder in the external notation to a store name ("" if unusable). As
// in Cyrus, a failure is logged and does not stop the caller: the account
// exists now. Folders that already exist count as created, so concurrent
// creators of one account all succeed.
func (s Settings) SetUp(ctx context.Context, a store.Account, name func(string) string, log zerolog.Logger) {
	log = log.With().Str("user", a.User()).Logger()
	if err := a.Subscribe(ctx, store.Inbox); err != nil {
		log.Error().Err(err).Msg("autocreate: subscribe INBOX")
	}
	if s.Quota != nil {
		if err := a.SetQuota(ctx, *s.Quota); err != nil {
			log.Error().Err(err).Msg("autocreate: set quota")
		}
	}
	subscribe := map[string]bool{}
	for _, f := range s.SubscribeFolders {
		subscribe[name(f)] = true
	}
	created := 0
	for _, f := range s.InboxFolders {
		n := name(f)
		if n == "" || n == store.Inbox {
			log.Warn().Str("folder", f).Msg("autocreate: unusable folder name")
			continue
		}
		_, err := a.CreateMailbox(ctx, n, store.CreateOptions{})
		if err != nil && !errors.Is(err, store.ErrMailboxExists) {
			log.Warn().Err(err).Str("folder", n).Msg("autocreate: create folder")
			continue
		}
		created++
		if subscribe[n] {
			if err := a.Subscribe(ctx, n); err != nil {
				log.Warn().Err(err).Str("folder", n).Msg("autocreate: subscribe folder")
			}
		}
	}
	log.Info().Int("folders", created).Msg("autocreated account")
}

// StoreName maps a folder name in the admin's and the sender's notation
// (Cyrus's external separator: '/' with unixhierarchysep, '.' without) to
// a store name relative to the account, or "" if it cannot name one.
func StoreName(s string, unixHierarchySep bool) string {
	if s == "" {
		return ""
	}
	if !unixHierarchySep {
		if strings.ContainsRune(s, store.Separator) {
			return "" // not representable, as the IMAP layer refuses it
		}
		s = strings.ReplaceAll(s, ".", string(store.Separator))
	}
	name, err := store.CanonicalMailbox(s)
	if err != nil {
		return ""
	}
	return name
}
