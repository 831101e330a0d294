package auth

import "context"

// stepper is one mechanism's conversation; go-sasl's sasl.Server with a
// context added.
type stepper interface {
	Next(ctx context.Context, response []byte) (challenge []byte, done bool, err error)
}

// mechanism is one entry of the registry: adding a mechanism is one file
// with a start function and a line below.
type mechanism struct {
	name string
	// plaintext: the client sends a reusable secret in the clear, so the
	// mechanism needs allowplaintext or a protected connection.
	plaintext bool
	// available: the server has what the mechanism needs on cs.
	available func(s *Server, cs ConnState) bool
	start     func(x *Exchange) stepper
}

// registry lists the mechanisms in the order they are advertised:
// strongest first.
var registry = []*mechanism{
	{name: "SCRAM-SHA-256-PLUS", available: scramPlusAvailable, start: startScramPlus},
	{name: "SCRAM-SHA-256", available: scramAvailable, start: startScram},
	{name: "EXTERNAL", available: externalAvailable, start: startExternal},
	{name: "OAUTHBEARER", plaintext: true, available: oauthAvailable, start: startOAuthBearer},
	{name: "PLAIN", plaintext: true, available: checkerAvailable, start: startPlain},
	{name: "LOGIN", plaintext: true, available: checkerAvailable, start: startLogin},
}

func lookupMechanism(name string) *mechanism {
	for _, m := range registry {
		if m.name == name {
			return m
		}
	}
	return nil
}

func checkerAvailable(s *Server, _ ConnState) bool { return s.opt.Checker != nil }
