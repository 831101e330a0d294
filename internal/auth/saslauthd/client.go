package saslauthd

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"
	"unicode"

	"github.com/corvusmail/corvus/internal/auth"
)

// DefaultPath is saslauthd's usual socket, the default of
// sasl_saslauthd_path.
const DefaultPath = "/var/run/saslauthd/mux"

// DefaultTimeout bounds one check when the context has no earlier
// deadline; a remote backend (LDAP, rimap) behind saslauthd can hang.
const DefaultTimeout = 30 * time.Second

// Client asks saslauthd to check passwords. It implements auth.Checker;
// each check is one connection, as saslauthd answers once and closes.
type Client struct {
	Path    string
	Timeout time.Duration
}

// New returns a client for the socket at path ("" for DefaultPath).
func New(path string) *Client {
	if path == "" {
		path = DefaultPath
	}
	return &Client{Path: path, Timeout: DefaultTimeout}
}

// Check implements auth.Checker. The user is split at its last '@' into
// login and realm as Cyrus SASL does, so "user@domain" reaches saslauthd
// as login "user", realm "domain".
func (c *Client) Check(ctx context.Context, user, password, service, realm string) error {
	login, realm := SplitUser(user, realm)
	if login == "" || password == "" {
		// saslauthd refuses these itself ("NULL login/password received").
		return auth.ErrBadCredentials
	}
	req, err := EncodeRequest(login, password, service, realm, "")
	if err != nil {
		return fmt.Errorf("%w: %w", auth.ErrBadCredentials, err)
	}
	reply, err := c.exchange(ctx, req)
	if err != nil {
		return fmt.Errorf("%w: %w", auth.ErrUnavailable, err)
	}
	if !reply.OK {
		return fmt.Errorf("%w: saslauthd said %s", auth.ErrBadCredentials, printable(reply.Text))
	}
	return nil
}

func (c *Client) exchange(ctx context.Context, req []byte) (Reply, error) {
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var d net.Dialer
	conn, err := d.DialContext(ctx, "unix", c.Path)
	if err != nil {
		return Reply{}, fmt.Errorf("connect to saslauthd at %s: %w", c.Path, err)
	}
	defer conn.Close()
	// A cancelled context interrupts a blocked read or write.
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}
	if _, err := conn.Write(req); err != nil {
		return Reply{}, fmt.Errorf("write to saslauthd: %w", err)
	}
	reply, err := ReadReply(conn)
	if err != nil && ctx.Err() != nil {
		err = errors.Join(err, ctx.Err())
	}
	return reply, err
}

// printable shortens saslauthd's message for an error string.
func printable(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsPrint(r) {
			return r
		}
		return '?'
	}, s)
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return s
}
