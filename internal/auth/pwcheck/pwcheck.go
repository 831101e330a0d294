// Package pwcheck builds the password checkers that sasl_pwcheck_method
// names, in its order, as Cyrus SASL tries each word of the list.
package pwcheck

import (
	"fmt"

	"github.com/corvusmail/corvus/internal/auth"
	"github.com/corvusmail/corvus/internal/auth/passwd"
	"github.com/corvusmail/corvus/internal/auth/saslauthd"
	"github.com/rs/zerolog"
)

// Methods lists the sasl_pwcheck_method words Corvus knows:
//   - saslauthd: ask saslauthd on sasl_saslauthd_path;
//   - auxprop (and auxprop-hashed): the Corvus password file,
//     corvus_passwd_file, which takes the place of Cyrus's sasldb and
//     also holds the keys SCRAM-SHA-256 needs;
//   - alwaystrue: accept every password (testing only).
var Methods = []string{"saslauthd", "auxprop", "auxprop-hashed", "alwaystrue"}

// New returns the checker chain for cfg.PwcheckMethods and, when the
// password file is among them, the file as the SCRAM store (nil
// otherwise: as in Cyrus, SCRAM needs stored secrets, which saslauthd
// cannot give). An unknown method is an error naming it.
func New(cfg auth.Config, log zerolog.Logger) (auth.Checker, auth.ScramStore, error) {
	methods := cfg.PwcheckMethods
	if len(methods) == 0 {
		methods = []string{auth.DefaultPwcheckMethod}
	}
	var chain auth.Chain
	var file *passwd.File
	for _, m := range methods {
		switch m {
		case "saslauthd":
			chain = append(chain, saslauthd.New(cfg.SaslauthdPath))
		case "auxprop", "auxprop-hashed":
			if file == nil {
				file = passwd.Open(cfg.PasswdFile, log)
				chain = append(chain, file)
			}
		case "alwaystrue":
			chain = append(chain, auth.NewAlwaysTrue(log))
		default:
			return nil, nil, fmt.Errorf("sasl_pwcheck_method %q is not supported (known: saslauthd, auxprop, alwaystrue)", m)
		}
	}
	var checker auth.Checker = chain
	if len(chain) == 1 {
		checker = chain[0]
	}
	if file == nil {
		return checker, nil, nil
	}
	return checker, file, nil
}
