package main

import "strconv"

// password is every user's, on every server.
const password = "pw"

// userPlan names the users and gives each measurement users of its own,
// so that one measurement's mail never changes another's mailboxes: u0
// holds the session loop's seeded INBOX, then one user per APPEND
// client, then the LMTP recipients, then the users whose INBOXes the
// idling sessions watch, then the one whose INBOX the search
// measurement fills.
type userPlan struct {
	clients   int // APPEND clients, and LMTP recipients
	idleUsers int
}

func userName(i int) string { return "u" + strconv.Itoa(i) }

// all lists every user.
func (p userPlan) all() []string {
	n := 2 + 2*p.clients + p.idleUsers
	out := make([]string, n)
	for i := range n {
		out[i] = userName(i)
	}
	return out
}

func (p userPlan) sessionUser() string     { return userName(0) }
func (p userPlan) appendUser(c int) string { return userName(1 + c) }

// lmtpUser is the recipient of the i-th LMTP message: round-robin over
// clients users.
func (p userPlan) lmtpUser(i int) string { return userName(1 + p.clients + i%p.clients) }

// idleUser is the i-th user the idling sessions watch.
func (p userPlan) idleUser(i int) string { return userName(1 + 2*p.clients + i) }

// rcpt is user's address; every server takes the local part.
func rcpt(user string) string { return user + "@peers.example" }

// searchUser holds the search measurement's large INBOX.
func (p userPlan) searchUser() string { return userName(1 + 2*p.clients + p.idleUsers) }
