// Package server is Corvus's IMAP protocol engine: the connection state
// machine, the command registry (one file per command or extension), the
// greeting with Cyrus's msg/motd and msg/shutdown behaviour, authentication
// through internal/auth, a telemetry tap that masks credentials, and the
// resumable session state that hibernation builds on.
//
// It speaks go-imap/v2's imap types, frames and encodes through
// internal/imap/wire and keeps mail in an internal/store Store.
package server
