package server

import "testing"

// Envelope keys are answered from the stored summary (decoded, one
// address at a time); other headers and empty values from the message.
func TestSearchEnvelope(t *testing.T) {
	e := newEnv(t, nil)
	c := e.dial()
	c.login("alice")
	appendMsg(c, "INBOX", "From: \"Ann Lee\" <ann@example.org>\r\nTo: bob@example.com, Carl <carl@example.net>\r\nBcc: hidden@example.org\r\nSubject: =?UTF-8?Q?caf=C3=A9_time?=\r\nX-Tag: blue\r\n\r\nbody\r\n")
	appendMsg(c, "INBOX", "From: zed@example.net\r\nSubject: Re: other\r\n\r\nbody\r\n")
	c.mustOK("SELECT INBOX")
	for _, tt := range []struct{ cmd, want string }{
		{`SEARCH FROM "ann lee"`, "* SEARCH 1"},
		{`SEARCH FROM "lee <ann@"`, "* SEARCH 1"},
		{`SEARCH FROM example.net`, "* SEARCH 2"},
		{`SEARCH TO carl`, "* SEARCH 1"},
		{`SEARCH TO "bob@example.com, carl"`, "* SEARCH"}, // never across two addresses
		{`SEARCH BCC hidden`, "* SEARCH 1"},
		{`SEARCH CC anyone`, "* SEARCH"},
		{`SEARCH CHARSET UTF-8 SUBJECT "CAFÉ"`, "* SEARCH 1"},
		{`SEARCH SUBJECT "re: other"`, "* SEARCH 2"},
		{`SEARCH HEADER from zed`, "* SEARCH 2"},
		{`SEARCH HEADER X-Tag BLUE`, "* SEARCH 1"},
		{`SEARCH HEADER Cc ""`, "* SEARCH"},
		{`SEARCH HEADER To ""`, "* SEARCH 1"},
		{`SEARCH OR FROM zed BODY nothing`, "* SEARCH 2"},
		{`SEARCH NOT FROM zed`, "* SEARCH 1"},
	} {
		if l := c.mustOK(tt.cmd); len(l) != 1 || l[0] != tt.want {
			t.Errorf("%s: %q, want %q", tt.cmd, l, tt.want)
		}
	}
}
