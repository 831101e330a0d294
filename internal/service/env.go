package service

// Environment variables master sets for every worker (as Cyrus).
const (
	// EnvService names the service entry in cyrus.conf; it is also the
	// prefix of SERVICE_key overrides in imapd.conf and the log ident.
	EnvService = "CYRUS_SERVICE"
	// EnvID is the instance number of the service.
	EnvID = "CYRUS_ID"
	// EnvVerbose is master's verbosity, passed through; > 0 logs debug.
	EnvVerbose = "CYRUS_VERBOSE"
	// EnvIsDaemon is "1" for DAEMON entries of cyrus.conf.
	EnvIsDaemon = "CYRUS_ISDAEMON"
)

// File descriptors master hands to every worker (as Cyrus's STATUS_FD and
// LISTEN_FD).
const (
	// StatusFD is the write end of the service's status pipe.
	StatusFD = 3
	// ListenFD is the service's listening socket.
	ListenFD = 4
)
