// Package hibernate lets an IMAP session in IDLE live without a process:
// imapd freezes it (Freezer: the client's socket and a sessionstate
// record go to idled over internal/handoff), idled holds it (Holder: one
// epoll set, no goroutine and no buffer per connection), answers a new
// message itself when the answer is exactly known, and thaws the session
// into an imapd -R worker (Resumer) on anything else: client input, an
// expunge or flag change, an error.
//
// Sockets: idled listens for frozen sessions on a unix stream socket
// beside its datagram socket (SocketPath: idlesocket + ".hibernate"); the
// thaw service is a cyrus.conf SERVICES entry on imap_thaw_socket, so
// master's prefork and maxchild govern how many sessions thaw at once.
// Nothing in a record ties it to one idled: several idleds, each with its
// own idlesocket, can split users between them past one process's
// descriptor limit.
package hibernate
