// Package sessadmin holds the session administration tools: cyr_info
// (Cyrus's: proc, conf, conf-all, conf-default, conf-lint), cyr_deny
// (Cyrus's user deny list), and Corvus's own cyr_kick and cyr_telemetry.
// Each tool is one function taking the command line and the output
// streams and returning the exit status; the programs at the top of the
// tree only call it.
package sessadmin
