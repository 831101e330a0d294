package notify

import (
	"context"
	"errors"
	"time"

	"github.com/rs/zerolog"
)

// Method is one way of delivering a notification (Cyrus's notifymethod_t).
// Notify returns nil once the notification is handed on; an error says why
// not, for notifyd to log.
type Method interface {
	Notify(ctx context.Context, n Notification) error
}

// MethodFunc lets an ordinary function be a Method.
type MethodFunc func(ctx context.Context, n Notification) error

// Notify calls f(ctx, n).
func (f MethodFunc) Notify(ctx context.Context, n Notification) error { return f(ctx, n) }

// Null is the null method: the notification is discarded, as Cyrus's
// notify_null. It is notifyd's default method.
var Null Method = MethodFunc(func(context.Context, Notification) error { return nil })

// ErrUnsupported is returned by methods Cyrus has and Corvus does not.
var ErrUnsupported = errors.New("notification method not supported")

// Unsupported is a method Cyrus knows but Corvus does not implement
// (zephyr): it is recognised by name so that the error says so, rather
// than calling the method unknown.
type Unsupported string

// Notify returns ErrUnsupported (the Dispatcher adds the method's name).
func (u Unsupported) Notify(context.Context, Notification) error { return ErrUnsupported }

// DefaultProgramTimeout bounds a run of sendmail or notify_external.
// notifyd handles one notification at a time, so a hung program must not
// hold up the rest for long.
const DefaultProgramTimeout = 30 * time.Second

// Options configure the standard methods; notifyd fills them from
// imapd.conf.
type Options struct {
	// Log receives the log method's lines (notifyd's logger goes to
	// syslog, as Cyrus's notify_log).
	Log zerolog.Logger
	// Sendmail is imapd.conf's sendmail, the program mailto runs.
	Sendmail string
	// Postmaster is imapd.conf's postmaster, the From of mailto's mails.
	Postmaster string
	// ServerName is imapd.conf's servername, used in Message-IDs ("" for
	// the host name).
	ServerName string
	// External is imapd.conf's notify_external, the program external runs.
	External string
	// Timeout bounds each program run (0 means DefaultProgramTimeout).
	Timeout time.Duration
}

// Methods returns Cyrus's set of methods by name: null, log, mailto,
// external, and zephyr as Unsupported.
func Methods(o Options) map[string]Method {
	if o.Timeout <= 0 {
		o.Timeout = DefaultProgramTimeout
	}
	return map[string]Method{
		"null":     Null,
		"log":      &Log{Log: o.Log},
		"mailto":   &Mailto{Sendmail: o.Sendmail, Postmaster: o.Postmaster, ServerName: o.ServerName, Timeout: o.Timeout},
		"external": &External{Program: o.External, Timeout: o.Timeout},
		"zephyr":   Unsupported("zephyr"),
	}
}
