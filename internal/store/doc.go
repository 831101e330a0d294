// Package store is Corvus's mail store interface: accounts, mailboxes,
// messages, flags, modseq, quota, subscriptions, ACLs, metadata, delivery
// and change events — everything imapd, lmtpd and idled need, behind one
// narrow interface so that backends can differ (internal/store/sqlite is
// the embedded default; a PostgreSQL backend for multi-host deployments
// can follow without touching the protocol code). internal/store/storetest
// is the conformance suite every backend runs.
//
// The store is the part that must never lose mail. Every backend
// guarantees:
//
//   - An Append (or delivery) returns only when the message and its
//     metadata are durable; a crash leaves the whole message or nothing.
//   - UIDs are never reused within a mailbox, UIDVALIDITY never changes for
//     a live mailbox, and a mailbox deleted and created again under the same
//     name gets a new, greater UIDVALIDITY. Modseqs only grow.
//   - Every message keeps its content GUID (SHA-1 of its bytes, as Cyrus)
//     through COPY and MOVE, the key for replication later.
//   - Every change is recorded as an Event (mailbox id, kind, modseq):
//     plain data to poll now and to publish later.
//
// Names: mailbox names are UTF-8 with '/' as separator (Separator); the
// IMAP layer maps namespaces, other separators and modified UTF-7. Mailbox
// names never reach a file system. User names are checked by CheckUser.
//
// Errors: callers branch on the sentinels of errors.go with errors.Is.
//
// Not the store's job: parsing mail (the caller passes an opaque structure
// blob and a Summary), checking rights (ACLs are kept, not enforced), text
// search (the IMAP layer reads Summary or the bytes), sequence numbers.
package store
