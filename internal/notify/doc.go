// Package notify is Corvus's notification service, as Cyrus's notifyd and
// imap/notify.c define it: the datagram format lmtpd (mailnotifier) and
// Sieve (sievenotifier) send to notifyd over a unix datagram socket, a
// Sender for that socket, the notification methods (null, log, mailto,
// external; zephyr is recognised but not supported), the Dispatcher that
// picks a method, and the Server that notifyd runs on the socket master
// hands it.
//
// A datagram is a list of NUL-terminated fields:
//
//	method class priority user mailbox nopt opt1 … optN message [fname]
//
// where nopt is the decimal count of the options that follow. An empty
// method means notifyd's default method (its -m flag).
package notify
