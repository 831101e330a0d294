// Package sqlite is Corvus's embedded mail store: one SQLite database per
// user (modernc.org/sqlite, pure Go, so builds stay static) plus one file
// per message, under imapd.conf's partition-default. It implements
// store.Store; several processes (imapd workers, lmtpd, admin tools) may
// use the same partition and the same user at once.
//
// # On-disk layout
//
//	<partition>/<h>/user/<user>/                  0750  one directory per user
//	                            corvus.db         0640  the user's database
//	                            corvus.db-wal     0640  (WAL; -shm likewise)
//	                            msg/<xx>/<id>     0640  one file per message
//	<partition>/domain/<h>/<domain>/<h>/user/<user>/…   for "user@domain"
//	<partition>/deleted/                                users being removed
//	<configdirectory>/corvus/server.db            0640  server metadata
//
// <h> is Cyrus's directory hash of the name (hashimapspool, fulldirhash
// off): its first letter lower-cased, 'q' for anything else. The user
// directory holds everything of the user — database and messages on one
// file system, so that a user can be backed up, moved or deleted as one
// directory and message files can be hard-linked between users of the
// partition (Cyrus keeps per-user metadata under configdirectory; keeping
// it beside the messages makes the user self-contained instead). User
// names are checked by store.CheckUser, so each is one harmless path
// component. A message file is named by a random 128-bit id (hex) and
// lives in one of 256 buckets (msg/00 … msg/ff, created with the account);
// nothing of a mailbox name, or of anything else a client chose, reaches
// the file system. Files are never modified once written: COPY and MOVE
// share a file (a contents row referred to by several message rows), a
// delivery to several users hard-links it into each user's directory.
//
// The database (see schema.go) holds the account row (modseq counter,
// last UIDVALIDITY, quota usage and limits), mailboxes (id, MAILBOXID,
// name, UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ, counters), contents (file id,
// GUID, size, summary, structure), sortkeys (each content's subject and
// first From mailbox, what SORT and THREAD ORDEREDSUBJECT order by),
// messages (mailbox, UID, modseq, flags, dates, content), expunge
// tombstones, keywords, subscriptions, ACLs, annotations, change events
// and duplicate-suppression records. Its schema version is PRAGMA
// user_version; an older database is upgraded, one step per version,
// when its account is first opened. It runs in
// WAL mode with synchronous=FULL, foreign keys on and a busy timeout;
// every change is one BEGIN IMMEDIATE transaction, in which UIDs and
// modseqs are allocated together with the rows that use them.
//
// # Durability: the order of writes
//
// An append (Append, AppendMany, Deliver, a copy to another account):
//
//  1. creates the message file with O_EXCL under a fresh id, writes it
//     while hashing it (the GUID), fdatasyncs and closes it;
//  2. fsyncs the bucket directory, making the file's name durable. An
//     APPEND writes into a spare instead (spares.go): an empty file made
//     ahead in a batch whose names one bucket fsync made durable, so 1
//     is its only fsync before the commit;
//  3. in one transaction: checks quota, checks the file still exists,
//     allocates UID(s) and modseq(s), inserts the rows, updates counters
//     and records the change event; COMMIT fsyncs the WAL;
//  4. only then returns the UID.
//
// A crash before 3 commits leaves a file no row refers to — invisible,
// and removed later by Sweep. A crash after leaves the whole message.
// Nothing is visible before the commit, so no reader ever sees half a
// message, and an acknowledged append has both its file and its row on
// disk.
//
// A removal (EXPUNGE, MOVE's source side, DELETE of a mailbox) deletes
// the rows and writes the tombstones in one transaction, commits, and
// only then unlinks the files no row refers to any more. A crash between
// leaves orphans, never a row without its file. No new reference to a
// file can appear between the commit and the unlink: a file is referred
// to again only by copying a row that refers to it, and that row is gone.
//
// Sweep removes orphans older than a grace period (appends in progress
// are younger). It unlinks them holding the write lock, and step 3 checks
// the file under the same lock, so a slow append whose file was swept
// fails instead of committing a row without a file.
//
// If COMMIT itself fails, SQLite may still have made the transaction
// durable; the files are then kept (Sweep decides later), never removed.
//
// # Identity and ordering
//
// Modseqs come from one counter per account, so they increase across all
// of a user's mailboxes and give the account one ordered change log
// (events), which is what an IDLE poller reads: Account.HighestModSeq is
// one small read, Account.Changes returns the events after it. UIDVALIDITY
// is max(now, last+1) per account: a mailbox deleted and created again
// always gets a new, greater value; a live mailbox never changes it, not
// even on RENAME. UIDNEXT only grows. Mailbox row ids are AUTOINCREMENT,
// never reused; the MAILBOXID is random.
//
// # Concurrency
//
// Within a process, each user's database has one writer connection (a Go
// semaphore queues this process's writers, instead of SQLite's sleeping
// busy handler), which also serves reads while no write holds it, and a
// few readers opened only while one does; across processes SQLite's
// locks and busy_timeout serialise writers, and WAL lets readers
// proceed. Databases of closed accounts stay open for reuse, at most
// MaxIdleAccounts of them and each for at most MaxIdleTime (idle.go).
//
// # \Recent
//
// Each mailbox has a recent mark (Cyrus's recentuid): Mailbox.ClaimRecent
// moves it to the highest UID and returns the old one, so exactly one
// session sees a message as \Recent; Status.Recent counts the messages
// above the mark. It costs one indexed count and is not message metadata
// (no modseq change). IMAP4rev2 ignores it.
//
// # Not implemented yet
//
// Quota roots other than the whole account; per-user \Seen on shared
// mailboxes (Cyrus's seen database); mailboxes outside user accounts
// (shared folders); user rename; delayed delete/expunge (Cyrus's
// delete_mode/expunge_mode: deletion is immediate); pruning expunge
// tombstones (they are kept forever); THREADID; partitions other than
// partition-default.
package sqlite
