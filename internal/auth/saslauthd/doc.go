// Package saslauthd is a client for Cyrus SASL's saslauthd daemon: the
// "saslauthd" sasl_pwcheck_method. saslauthd checks plaintext passwords
// against PAM, shadow, LDAP, a remote IMAP server and more, so a site
// moving from Cyrus keeps its password backend unchanged.
//
// The protocol on saslauthd's unix socket (sasl_saslauthd_path, default
// /var/run/saslauthd/mux): the client sends login, password, service,
// realm and client address, each as a 2-byte big-endian length followed
// by that many bytes; saslauthd answers with one length-prefixed string
// that starts with "OK" on success or "NO" otherwise, and closes the
// connection. saslauthd 2.1.27 and older read only the first four fields
// and ignore the fifth.
package saslauthd
