package hibernate

import (
	"testing"
	"time"

	"github.com/corvusmail/corvus/internal/userdeny"
)

// TestDenyByService: the sweep ends a held session when the deny list
// denies the service that session came in on (from its state record),
// and leaves the same user's session of another service alone.
func TestDenyByService(t *testing.T) {
	tests := []struct {
		name     string
		services string // cyr_deny -s
		bye      map[string]bool
	}{
		{name: "every service", services: "*", bye: map[string]bool{"imap": true, "imapalt": true, "": true}},
		{name: "one service", services: "imapalt", bye: map[string]bool{"imapalt": true}},
		{name: "the fallback for records without one", services: "imap", bye: map[string]bool{"imap": true, "": true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			clients := map[string]*client{}
			for _, svc := range []string{"imap", "imapalt", ""} {
				st := e.state()
				st.Service = svc
				clients[svc] = e.hibernate(st)
			}
			err := userdeny.Save(userdeny.Path(e.dir), map[string]userdeny.Entry{
				"alice": {User: "alice", Services: tt.services, Message: "Go away"},
			})
			if err != nil {
				t.Fatal(err)
			}
			for svc, c := range clients {
				c.conn.SetReadDeadline(time.Now().Add(2500 * time.Millisecond))
				l, err := c.r.ReadString('\n')
				got := err == nil && l == "* BYE [ALERT] Go away\r\n"
				if got != tt.bye[svc] {
					t.Errorf("service %q: read %q, %v; want BYE %v", svc, l, err, tt.bye[svc])
				}
			}
		})
	}
}
