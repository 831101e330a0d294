package auth

import (
	"bytes"
	"context"
	"fmt"
)

// The prompts of the LOGIN mechanism. draft-murchison-sasl-login §2 says
// clients must ignore their content; these are what clients expect to see.
var (
	loginUserPrompt     = []byte("Username:")
	loginPasswordPrompt = []byte("Password:")
)

// loginServer is the server side of the obsolete but still common LOGIN
// mechanism (draft-murchison-sasl-login): the server prompts for the user
// name, then for the password. go-sasl only has the client side.
type loginServer struct {
	x        *Exchange
	user     string
	haveUser bool
	step     int
}

func startLogin(x *Exchange) stepper { return &loginServer{x: x} }

// Next handles the user name (as an initial response or the answer to
// the first prompt), then the password.
func (l *loginServer) Next(_ context.Context, response []byte) ([]byte, bool, error) {
	if bytes.IndexByte(response, 0) >= 0 {
		return nil, true, fmt.Errorf("%w: NUL in LOGIN response", ErrMalformed)
	}
	l.step++
	switch {
	case l.step == 1 && len(response) == 0:
		// No initial response (or an empty one): ask for the name.
		return loginUserPrompt, false, nil
	case !l.haveUser:
		l.user, l.haveUser = string(response), true
		return loginPasswordPrompt, false, nil
	}
	err := l.x.finishPlaintext("", l.user, string(response))
	return nil, err == nil, err
}
