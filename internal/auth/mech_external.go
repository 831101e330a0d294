package auth

import (
	"fmt"

	"github.com/emersion/go-sasl"
)

// externalAvailable: EXTERNAL (RFC 4422 Appendix A) is only offered when
// the transport vouches for an identity, as Cyrus offers it only with a
// verified TLS client certificate.
func externalAvailable(_ *Server, cs ConnState) bool { return cs.ExternalID != "" }

// startExternal runs go-sasl's EXTERNAL server. The client's message is
// the authorization identity it wants, empty for "the one you know".
func startExternal(x *Exchange) stepper {
	return goSASL{sasl.NewExternalServer(func(authz string) error {
		authn, err := x.srv.authnName(x.cs.ExternalID, x.cs)
		if err != nil {
			return fmt.Errorf("external identity: %w", err)
		}
		return x.finish(authn, authz)
	})}
}
