// Package cyrusconf parses cyrus.conf, the file that tells master what to
// run once at start-up (START), which sockets to own and which workers to
// prefork for them (SERVICES), what to run on a schedule (EVENTS) and which
// long-running helpers to keep alive (DAEMON).
//
// The syntax is read the way Cyrus 3.x reads it, so an existing cyrus.conf
// works unchanged: one entry per line, "name key=value key="quoted value"",
// '#' starting a comment anywhere (even inside quotes), the first occurrence
// of a repeated key winning. Where Cyrus is lenient in ways that hide
// mistakes (atoi on numbers, keys it silently never looks at) this parser is
// stricter. Every problem is an hcl.Diagnostic whose Subject carries file,
// line and column: errors for what Cyrus refuses or would misread, warnings
// for what Cyrus accepts but is probably not what the admin meant.
//
// Parse returns a usable Config even when it reports errors (entries with
// errors are left out), so that a config check can list every problem in
// one run.
package cyrusconf
