// Package auth decides who a client is: it checks passwords, runs the
// server side of the SASL mechanisms imapd and lmtpd offer, applies
// Cyrus's identity rules (virtdomains, admins, proxy authorisation) and
// paces failed logins.
//
// The pieces, each in its own file:
//   - Checker: plaintext password verification (sasl_pwcheck_method). The
//     backends live in subpackages: saslauthd (Cyrus SASL's daemon),
//     passwd (Corvus's password file), and pwcheck builds the configured
//     chain. AlwaysTrue is here.
//   - Server: which mechanisms to advertise on a connection (allowplaintext,
//     TLS, imapd -p, sasl_mech_list, sasl_minimum_layer), LOGIN command
//     checks, and Exchange, one AUTHENTICATE conversation.
//   - Config: the imapd.conf keys read, parsed once.
//   - Throttle: the delay before answering NO after failed logins.
//
// Nothing here logs a password or a SASL payload: loggers only ever get
// user names, mechanism names and error classes.
package auth
