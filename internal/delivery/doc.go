// Package delivery delivers one spooled message to local recipients the way
// Cyrus 3.x lmtpd does, through the mail store. It knows nothing of LMTP:
// lmtpd uses it now, and sieve and admin tools can use it later.
//
// There are two steps. At RCPT time, Resolve parses an address and checks
// the user. At DATA time, Deliver stores the message once for all the
// targets:
//
//   - Addresses: user, user@domain, user+detail, user+detail@domain, a
//     quoted local part, an optional pair of <> brackets and an ignored
//     source route. As Cyrus lmtpd, the domain is kept only with
//     virtdomains (a domain equal to defaultdomain is dropped), and is
//     dropped without it. The user name is then made canonical with
//     auth.Names.Canonical, the same as an IMAP login.
//   - lmtp_downcase_rcpt lower-cases the user part and the domain (ASCII
//     only, as Cyrus's TOLOWER) but not the detail. Cyrus's FAQ says it
//     this way: User+PostFolder@… becomes user+PostFolder@….
//   - +detail names a mailbox of the user. With unixhierarchysep '/'
//     separates its levels, without it '.' does. Mail goes into that
//     mailbox if it exists (the name must match exactly, with no
//     lmtp_fuzzy_mailbox_match) and if its ACL grants the post right 'p'
//     to "anyone" or to the poster (Message.AuthUser, or "anonymous" when
//     there is none). Otherwise it goes to INBOX. This is Cyrus's rule;
//     INBOX needs no right.
//   - Unknown users are refused at RCPT time. With autocreate_post the
//     users that autocreate_users allows are accepted instead, and their
//     account is created at delivery as Cyrus's autocreate does: INBOX is
//     created and subscribed, autocreate_quota and
//     autocreate_quota_messages are set, and the autocreate_inbox_folders
//     are created (those also in autocreate_subscribe_folders are
//     subscribed). Admins and proxyservers are never autocreated.
//   - Duplicate suppression (duplicatesuppression): the key is the
//     message's Resent-Message-ID, or else its Message-ID (Cyrus's order),
//     together with the mailbox it goes into. A duplicate is reported as
//     delivered (Result.Duplicate) and is not stored again. A message
//     without an id is never suppressed. The store marks the key in the
//     same transaction that stores the message.
//   - Quota: Message.IgnoreQuota or Target.IgnoreQuota (LMTP IGNOREQUOTA)
//     means store.QuotaIgnore. lmtp_strict_quota means store.QuotaStrict
//     and otherwise store.QuotaLenient is used. One recipient over quota
//     does not stop the others.
//   - One store.Deliver call covers all the targets, so the bytes are
//     written once and hard-linked (singleinstancestore). Each target
//     gets its own Result.
//   - After a delivery that was stored (not a duplicate), the Notifier is
//     called once the store call has returned. This is the hook for idled
//     and for notifyd's mailnotifier.
//
// # Errors and LMTP replies
//
// Each Result.Err, and each error from Resolve, wraps exactly one of the
// sentinels below. Where a store error is the cause, that error is wrapped
// too. Map them in this order with errors.Is (RFC 2033 §4.2, RFC 3463
// codes, Cyrus's texts):
//
//	err                       LMTP reply
//	nil (Duplicate or not)    250 2.1.5 Ok
//	ErrBadAddress             501 5.1.3 Bad recipient address syntax
//	ErrUnknownUser            550 5.1.1 User unknown
//	ErrMailboxMissing         550 5.1.1 User unknown (Cyrus: mailbox nonexistent)
//	ErrOverQuota              452 4.2.2 Over quota
//	                          (552 5.2.2 with lmtp_over_quota_perm_failure)
//	ErrTemporary, or other    451 4.3.0 System I/O error
//
// Logging: Deliver logs one Info line for each message it stores and
// reports problems it handles itself, such as an autocreate folder that
// could not be created. Errors it returns are left for the caller to log.
package delivery
