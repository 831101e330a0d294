// Package tlsconf builds the server TLS configuration of a worker from
// imapd.conf, as Cyrus's tls_init_serverengine does: tls_server_cert and
// tls_server_key (their service-prefixed forms, such as
// imaps_tls_server_cert, apply through the service's view of the
// configuration) and tls_versions. imapd and lmtpd share it.
package tlsconf

import (
	"crypto/tls"
	"fmt"
	"strings"

	"github.com/corvusmail/corvus/conf/imapdconf"
)

// versions maps tls_versions words to crypto/tls versions.
var versions = map[string]uint16{
	"tls1_0": tls.VersionTLS10,
	"tls1_1": tls.VersionTLS11,
	"tls1_2": tls.VersionTLS12,
	"tls1_3": tls.VersionTLS13,
}

// Server returns the TLS configuration for c, or nil when no certificate
// is configured (TLS is then not offered, as in Cyrus).
func Server(c *imapdconf.Config) (*tls.Config, error) {
	cert, key := c.String("tls_server_cert"), c.String("tls_server_key")
	if cert == "" || key == "" {
		return nil, nil
	}
	lo, hi, err := Versions(c.String("tls_versions"))
	if err != nil {
		return nil, fmt.Errorf("tls_versions: %w", err)
	}
	pair, err := tls.LoadX509KeyPair(cert, key)
	if err != nil {
		return nil, fmt.Errorf("tls_server_cert/tls_server_key: %w", err)
	}
	return &tls.Config{Certificates: []tls.Certificate{pair}, MinVersion: lo, MaxVersion: hi}, nil
}

// Versions parses a tls_versions value into the lowest and highest
// version listed. Go offers a contiguous range, so a list with a gap
// ("tls1_0 tls1_3") is refused rather than silently widened.
func Versions(s string) (lo, hi uint16, err error) {
	seen := map[uint16]bool{}
	for _, w := range strings.Fields(s) {
		v, ok := versions[strings.ToLower(w)]
		if !ok {
			return 0, 0, fmt.Errorf("unknown version %q (expected tls1_0, tls1_1, tls1_2 or tls1_3)", w)
		}
		seen[v] = true
		if lo == 0 || v < lo {
			lo = v
		}
		hi = max(hi, v)
	}
	if lo == 0 {
		return 0, 0, fmt.Errorf("no version listed")
	}
	for v := lo; v <= hi; v++ {
		if !seen[v] {
			return 0, 0, fmt.Errorf("the versions listed must follow each other: %q leaves a gap", s)
		}
	}
	return lo, hi, nil
}
