// Package migrate is imapmigrate(8): it copies users from a running Cyrus
// (or Dovecot, or any IMAP server with CONDSTORE) into the Corvus store
// through the store's Importer, keeping what lets clients carry on
// without resynchronising: mailbox names, UIDVALIDITY, UIDs, flags and
// keywords, internal dates, the bytes of every message, ACLs, the quota
// limits, special-use attributes and subscriptions.
//
// A run is incremental and resumable by construction: what is already in
// the target is read back (Mailbox.View) and only the difference with the
// source is applied — new messages, flag changes, expunges. Messages are
// imported in batches, each one transaction, so an interrupted run keeps
// what it committed and the next run goes on from there. A small state
// file remembers each mailbox's source counters after its last complete
// sync, so that a mailbox that did not change on either side costs one
// SELECT. imapmigrate/ wires it to the command line.
package migrate
