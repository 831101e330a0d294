package auth

import (
	"context"

	"github.com/rs/zerolog"
)

// AlwaysTrue accepts every password: Cyrus SASL's "alwaystrue"
// pwcheck_method, for test installations only.
type AlwaysTrue struct{ log zerolog.Logger }

// NewAlwaysTrue returns the checker and warns once that it is in use, so
// that a production server configured this way says so in its log.
func NewAlwaysTrue(log zerolog.Logger) AlwaysTrue {
	log.Warn().Str("sasl_pwcheck_method", "alwaystrue").
		Msg("every password is accepted: for testing only")
	return AlwaysTrue{log: log}
}

// Check accepts; as Cyrus SASL, it logs a warning naming the user each
// time (never the password).
func (a AlwaysTrue) Check(_ context.Context, user, _, service, _ string) error {
	a.log.Warn().Str("user", user).Str("service", service).
		Msg("alwaystrue password check accepted")
	return nil
}
