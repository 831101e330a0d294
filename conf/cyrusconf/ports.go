package cyrusconf

import (
	"fmt"
	"net"
	"strings"
)

// wellKnownPorts are the IANA ports of the services a cyrus.conf names,
// used when the system's services database lacks them (minimal containers
// ship without /etc/services, and older ones lack sieve or submissions).
var wellKnownPorts = map[string]int{
	"imap": 143, "imaps": 993, "pop3": 110, "pop3s": 995,
	"lmtp": 24, "sieve": 4190, "smtp": 25, "submission": 587, "submissions": 465,
	"nntp": 119, "nntps": 563, "http": 80, "https": 443,
	"csync": 2005, "mupdate": 3905, "fud": 4201,
}

// lookupPort is the system's services lookup; a variable so tests can run
// without depending on the machine's /etc/services.
var lookupPort = net.LookupPort

// maxServiceName bounds the names handed to the system lookup.
const maxServiceName = 64

// resolvePort turns a service name into a port. As Cyrus (getaddrinfo):
// the system's services database decides; our table is the fallback.
func resolvePort(name string, proto Proto) (int, error) {
	network := "tcp"
	if proto == ProtoUDP {
		network = "udp"
	}
	if n, err := lookupPort(network, name); err == nil && n > 0 && n <= 65535 {
		return n, nil
	}
	if n, ok := wellKnownPorts[strings.ToLower(name)]; ok {
		return n, nil
	}
	return 0, fmt.Errorf("unknown service name %q (not in /etc/services)", name)
}

// validServiceName checks the shape of an /etc/services name: letters,
// digits and . _ + -, starting with a letter or digit.
func validServiceName(s string) bool {
	if s == "" || len(s) > maxServiceName || !isAlnum(s[0]) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isAlnum(c) && !strings.ContainsRune("._+-", rune(c)) {
			return false
		}
	}
	return true
}
