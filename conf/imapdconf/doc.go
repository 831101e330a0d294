// Package imapdconf reads imapd.conf, the option file every Corvus program
// shares with Cyrus IMAP, and holds the table of options Corvus implements.
//
// The option table (options.go) is data, as Cyrus keeps its option list in
// lib/imapoptions: defaults, type checks and the imapd.conf(5) man page are
// all generated from it. A second, embedded table (cyrus-options.tsv) lists
// every option Cyrus knows, so that a Cyrus administrator's file is read
// without errors: options Corvus does not implement are reported with a
// warning and ignored, deprecated ones are mapped to their replacements.
//
// Problems are reported as hcl.Diagnostics with file, line and column, and
// parsing continues after an error so that one run shows them all.
package imapdconf
