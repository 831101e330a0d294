// Package service is the worker side of the contract between Corvus's master
// and the programs it preforks (imapd, lmtpd, notifyd, idled…), as Cyrus's
// master/service.c defines it.
//
// master hands every worker a status pipe on fd 3 and the service's listening
// socket on fd 4, and names the service in CYRUS_SERVICE and CYRUS_ID. A
// worker built on this package does what a Cyrus worker does:
//
//	w, err := service.New("imapd", flags) // env, config, logging, -D
//	if err != nil { … exit 75 … }
//	err = w.Serve(ctx, handler)           // prefork accept loop
//
// Serve takes turns with the other idle workers of the service through an
// accept lock, reports UNAVAILABLE and CONNECTION to master when it takes a
// client and AVAILABLE when it is ready for the next one, and returns when the
// worker should exit: -U uses reached, -T reuse timeout, SIGHUP, SIGTERM, or
// its executable replaced on disk.
//
// The package is Linux-only (fcntl locks, SO_DOMAIN).
package service
