package adminenv

import (
	"context"
	"fmt"
	"io"
	"sort"

	"github.com/corvusmail/corvus/internal/idle"
	"github.com/corvusmail/corvus/internal/store"
)

// Notify tells idled of every mailbox the events changed, once each with
// its highest modseq, as imapd does after a command (so that sessions
// idling on them wake at once). idled not running only costs those
// sessions a poll interval: the first failure ends the notifications and
// is reported on warn with verbose.
func (e *Env) Notify(ctx context.Context, events []store.Event, verbose bool, warn io.Writer) {
	type key struct{ user, mailbox string }
	changed := map[key]uint64{}
	for _, ev := range events {
		k := key{ev.User, ev.MailboxID}
		changed[k] = max(changed[k], ev.ModSeq)
	}
	if len(changed) == 0 {
		return
	}
	if e.notifier == nil {
		e.notifier = idle.NewNotifier(e.Config.String("idlesocket"))
	}
	keys := make([]key, 0, len(changed))
	for k := range changed {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].user+keys[i].mailbox < keys[j].user+keys[j].mailbox })
	for _, k := range keys {
		if err := e.notifier.Notify(ctx, k.user, k.mailbox, changed[k]); err != nil {
			if verbose {
				fmt.Fprintf(warn, "idled not told of the changes (IDLE sessions see them at their next poll): %v\n", err)
			}
			return
		}
	}
}
