// Package passwd is the Corvus password file: the user database of the
// "auxprop" sasl_pwcheck_method, named by the imapd.conf key
// corvus_passwd_file (default {configdirectory}/corvus.passwd). It plays
// the part sasldb plays for Cyrus: plaintext passwords are checked against
// it, and SCRAM-SHA-256 runs from the keys it stores.
//
// # Format
//
// One user per line; blank lines and lines starting with '#' are ignored:
//
//	userid ":" credential *( ":" credential )
//	credential = "{" SCHEME "}" data
//
// userid is the canonical userid ("user", or "user@domain" with
// virtdomains). Each credential starts with its scheme in braces; a ':'
// followed by '{' starts the next one, so schemes whose data contains ':'
// need no escaping. Schemes:
//
//	{ARGON2ID}$argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>
//	    Argon2id (RFC 9106) in PHC string form, salt and hash in unpadded
//	    standard base64; the same string Dovecot writes after {ARGON2ID}.
//	{SCRAM-SHA-256}<iterations>:<salt>:<StoredKey>:<ServerKey>
//	    RFC 5802 §3 stored keys in padded standard base64; lets
//	    SCRAM-SHA-256 work without the password. ',' is also accepted
//	    between the fields, as Dovecot writes them.
//	{BCRYPT}$2y$<cost>$...
//	    bcrypt, accepted for users moved from other systems.
//
// Hash and Line write an {ARGON2ID} and a {SCRAM-SHA-256} credential, so a
// user can log in with LOGIN, PLAIN or SCRAM. A plaintext check uses the
// SCRAM keys, else ARGON2ID, else BCRYPT: a stolen file is attacked
// through its cheapest verifier, so with SCRAM keys present an Argon2id
// check would cost every LOGIN 31 ms and 19 MiB and protect nothing.
//
// # Safety
//
// The file is re-read whenever its size, modification time or inode
// changes, so edits take effect without a restart. A file that others can
// read or write (mode & 006) is refused, with a warning in the log.
package passwd
