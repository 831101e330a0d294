package migrate

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"slices"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-sasl"

	"github.com/corvusmail/corvus/internal/store"
)

// Server is how to reach the source: host:port and TLS.
type Server struct {
	Addr     string
	StartTLS bool // -s: STARTTLS on the plain port
	TLS      bool // -S: implicit TLS (imaps)
	Insecure bool // -k: do not verify the certificate
	Timeout  time.Duration
}

// source is one authenticated session on the source server. A goroutine
// closes the connection when ctx ends, so that no command outlives the
// run; close stops it.
type source struct {
	c    *imapclient.Client
	stop func() bool
}

// dial connects and authenticates as cred: PLAIN with the user as authzid
// when an admin authenticates for it (as Cyrus's proxy authorisation),
// else PLAIN or LOGIN as the user.
func dial(ctx context.Context, srv Server, cred Credential) (*source, error) {
	host, _, err := net.SplitHostPort(srv.Addr)
	if err != nil {
		return nil, fmt.Errorf("source address %q: %w", srv.Addr, err)
	}
	opts := &imapclient.Options{
		TLSConfig: &tls.Config{ServerName: host, InsecureSkipVerify: srv.Insecure},
		Dialer:    &net.Dialer{Timeout: srv.Timeout},
	}
	var c *imapclient.Client
	switch {
	case srv.TLS:
		c, err = imapclient.DialTLS(srv.Addr, opts)
	case srv.StartTLS:
		c, err = imapclient.DialStartTLS(srv.Addr, opts)
	default:
		c, err = imapclient.DialInsecure(srv.Addr, opts)
	}
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %w", srv.Addr, err)
	}
	s := &source{c: c, stop: context.AfterFunc(ctx, func() { c.Close() })}
	if err := s.login(cred); err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

func (s *source) login(cred Credential) error {
	if err := s.c.WaitGreeting(); err != nil {
		return fmt.Errorf("greeting: %w", err)
	}
	authz := ""
	if cred.AuthUser != cred.User {
		authz = cred.User
	}
	var err error
	if authz != "" || s.c.Caps().Has(imap.AuthCap(sasl.Plain)) {
		err = s.c.Authenticate(sasl.NewPlainClient(authz, cred.AuthUser, cred.Password))
	} else {
		err = s.c.Login(cred.AuthUser, cred.Password).Wait()
	}
	if err != nil {
		if authz != "" {
			return fmt.Errorf("authenticate as %s for %s: %w", cred.AuthUser, cred.User, err)
		}
		return fmt.Errorf("authenticate as %s: %w", cred.User, err)
	}
	return nil
}

// close logs out, bounded, and closes the connection.
func (s *source) close() {
	s.stop()
	done := make(chan struct{})
	go func() { s.c.Logout().Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
	}
	s.c.Close()
}

// namespaces reads NAMESPACE (or guesses from LIST "" "").
func (s *source) namespaces() (Namespaces, error) {
	var delim rune = '/'
	if ls, err := s.c.List("", "", nil).Collect(); err == nil && len(ls) > 0 && ls[0].Delim != 0 {
		delim = ls[0].Delim
	}
	if !s.c.Caps().Has(imap.CapNamespace) {
		return NamespacesFrom(nil, delim), nil
	}
	data, err := s.c.Namespace().Wait()
	if err != nil {
		return Namespaces{}, fmt.Errorf("NAMESPACE: %w", err)
	}
	return NamespacesFrom(data, delim), nil
}

// srcMailbox is one mailbox of the source's LIST.
type srcMailbox struct {
	Name       string // the source's name
	Store      string // the store's name
	SpecialUse []imap.MailboxAttr
}

// mailboxes lists the selectable mailboxes of the personal namespace,
// with their special-use attributes where the server has SPECIAL-USE;
// names that cannot be mapped are returned as errors beside.
func (s *source) mailboxes(ns Namespaces) ([]srcMailbox, []error, error) {
	var opts *imap.ListOptions
	if s.c.Caps().Has(imap.CapSpecialUse) {
		opts = &imap.ListOptions{ReturnSpecialUse: true}
	}
	ls, err := s.c.List("", "*", opts).Collect()
	if err != nil {
		return nil, nil, fmt.Errorf("LIST: %w", err)
	}
	var out []srcMailbox
	var bad []error
	for _, l := range ls {
		if slices.Contains(l.Attrs, imap.MailboxAttrNoSelect) || slices.Contains(l.Attrs, imap.MailboxAttrNonExistent) {
			continue
		}
		if !ns.personal(l.Mailbox) && !strings.EqualFold(l.Mailbox, "INBOX") {
			continue
		}
		name, err := ns.ToStore(l.Mailbox)
		if err != nil {
			bad = append(bad, err)
			continue
		}
		out = append(out, srcMailbox{Name: l.Mailbox, Store: name, SpecialUse: specialUse(l.Attrs)})
	}
	slices.SortFunc(out, func(a, b srcMailbox) int { return strings.Compare(a.Store, b.Store) })
	return out, bad, nil
}

// specialUse keeps the attributes the store knows (RFC 6154 §2).
func specialUse(attrs []imap.MailboxAttr) []imap.MailboxAttr {
	var out []imap.MailboxAttr
	for _, a := range attrs {
		for _, su := range store.SpecialUses {
			if strings.EqualFold(string(a), string(su)) {
				out = append(out, su)
			}
		}
	}
	return out
}

// errNoListExtended: the source cannot list subscriptions the way
// imapclient asks (LIST (SUBSCRIBED), RFC 5258); Cyrus and Dovecot can.
var errNoListExtended = errors.New("the source has no LIST-EXTENDED: subscriptions not copied")

// subscriptions lists the subscribed names of the personal namespace,
// mapped to the store's names.
func (s *source) subscriptions(ns Namespaces) ([]string, error) {
	if !s.c.Caps().Has(imap.CapListExtended) {
		return nil, errNoListExtended
	}
	ls, err := s.c.List("", "*", &imap.ListOptions{SelectSubscribed: true}).Collect()
	if err != nil {
		return nil, fmt.Errorf("list subscriptions: %w", err)
	}
	var out []string
	for _, l := range ls {
		if name, err := ns.ToStore(l.Mailbox); err == nil {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}
