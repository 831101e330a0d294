package auth

import (
	"context"

	"github.com/emersion/go-sasl"
)

// startPlain runs PLAIN (RFC 4616) with go-sasl's server: one message,
// authzid NUL authcid NUL password.
func startPlain(x *Exchange) stepper {
	return goSASL{sasl.NewPlainServer(x.finishPlaintext)}
}

// goSASL adapts a go-sasl server, whose callbacks get the context from
// the Exchange instead.
type goSASL struct{ s sasl.Server }

func (g goSASL) Next(_ context.Context, response []byte) ([]byte, bool, error) {
	return g.s.Next(response)
}
