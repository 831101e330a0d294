// Package idle is Corvus's idled and its clients: instant IDLE wake-ups,
// as Cyrus's idled gives them.
//
// Three kinds of process talk over unix datagram sockets:
//
//   - idled runs a Daemon on its socket (imapd.conf idlesocket, by default
//     {configdirectory}/socket/idle). It keeps who watches which mailbox.
//   - Any process that changes a mailbox (imapd after a command, lmtpd
//     after a delivery) tells idled with a Notifier. It never waits for
//     idled more than a few milliseconds, and a missing idled only costs
//     the IDLE sessions their instant wake-up.
//   - Each imapd holds one Watcher, bound to its own socket next to
//     idled's (idle.<pid>, as Cyrus names it). A session in IDLE watches its
//     mailbox; idled sends the Watcher a Wake when the mailbox changes, and
//     the session computes the untagged updates itself from the store.
//
// As Cyrus: when idled is not running, IDLE falls back to polling the
// mailbox every imapidlepoll, so every datagram here may be lost without
// harm beyond a delay. That is why the protocol has no acknowledgements:
// watches are soft state, re-sent every Watcher.Refresh, expired by the
// Daemon after twice that, and re-sent at once when a (re)started idled
// sends a Resync.
//
// The datagrams are Corvus's own format (see Message and idled(8)), not
// Cyrus's JSON: the format is internal to one server.
package idle
