package main

import (
	"fmt"
	"net/netip"
)

// userPW is every user's password.
const userPW = "hib-bench-pw"

// listenBacklog is master's -l: a wave connects up to maxchild clients at
// once, and a SYN dropped by a full queue (Cyrus's default is 32) would
// cost its client a 1 s retransmission, not the server any work.
const listenBacklog = "1024"

// imapdExtra is added to the store's imapd.conf: recipients are created
// on first delivery; IDLE polls only every minute (so only idled can wake
// a session fast, as in tests/hibernate_test.go); sessions hibernate
// after hibernate seconds of IDLE.
func imapdExtra(hibernate int) string {
	return fmt.Sprintf("autocreate_post: yes\nimapidlepoll: 60s\nimap_hibernate_timeout: %d\n", hibernate)
}

// cyrusConf is the imap service with every worker preforked and reused
// without limit (-U 0: a worker serves the next client once its session
// hibernated), the thaw service on imap_thaw_socket's default path
// (thaw) with room for a burst of thaws, lmtpd on TCP, and idled.
func cyrusConf(imap, lmtp netip.AddrPort, thaw string, s settings) string {
	return fmt.Sprintf(`SERVICES {
  imap cmd="imapd -U 0" listen="%s" prefork=%d maxchild=%d
  imapthaw cmd="imapd -R -U 0" listen="%s" prefork=1 maxchild=%d
  lmtp cmd="lmtpd -a" listen="%s" prefork=1
}
DAEMON {
  idled cmd="idled"
}
`, imap, s.maxchild, s.maxchild, thaw, thawMaxchild(s), lmtp)
}

// thawMaxchild lets every session of a burst thaw at once, plus spares.
func thawMaxchild(s settings) int { return s.thawBurst + 10 }
