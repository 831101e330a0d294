package scram

import (
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// maxClientIterations bounds the work a server can ask of our client.
const maxClientIterations = 10_000_000

// Client is a SCRAM-SHA-256(-PLUS) client implementing go-sasl's
// sasl.Client, so that go-imap's imapclient and our own tools can log in
// to Corvus with SCRAM; go-sasl has no SCRAM client either. It is written
// from RFC 5802 §3 separately from Server.
type Client struct {
	Username string
	Password string
	Authzid  string // "" to act as Username
	// CBType selects SCRAM-SHA-256-PLUS with this channel-binding type,
	// CBData holding the connection's binding data.
	CBType string
	CBData []byte
	// Nonce is the client nonce; random when empty.
	Nonce string

	gs2, bare, authMsg string
	serverKey          []byte
	step               int
}

// Start returns the mechanism name and the client-first message.
func (c *Client) Start() (string, []byte, error) {
	if c.Nonce == "" {
		b := make([]byte, 18)
		rand.Read(b)
		c.Nonce = base64.StdEncoding.EncodeToString(b)
	}
	mech, flag := "SCRAM-SHA-256", "n"
	if c.CBType != "" {
		mech, flag = "SCRAM-SHA-256-PLUS", "p="+c.CBType
	}
	c.gs2 = flag + ","
	if c.Authzid != "" {
		c.gs2 += "a=" + EncodeName(c.Authzid)
	}
	c.gs2 += ","
	c.bare = "n=" + EncodeName(c.Username) + ",r=" + c.Nonce
	c.step = 1
	return mech, []byte(c.gs2 + c.bare), nil
}

// Next answers the server-first message with the proof, then checks the
// server-final message and answers it with an empty response.
func (c *Client) Next(challenge []byte) ([]byte, error) {
	c.step++
	switch c.step {
	case 2:
		return c.final(string(challenge))
	case 3:
		want := "v=" + base64.StdEncoding.EncodeToString(hmacSHA256(c.serverKey, []byte(c.authMsg)))
		if !hmac.Equal(challenge, []byte(want)) {
			return nil, errors.New("scram: server signature does not verify")
		}
		return []byte{}, nil
	}
	return nil, errors.New("scram: unexpected server challenge")
}

func (c *Client) final(sfm string) ([]byte, error) {
	nonce, salt, iter, err := parseServerFirst(sfm)
	if err != nil {
		return nil, err
	}
	if !strings.HasPrefix(nonce, c.Nonce) || len(nonce) == len(c.Nonce) {
		return nil, errors.New("scram: server nonce does not extend ours")
	}
	salted, err := pbkdf2.Key(sha256.New, c.Password, salt, iter, KeyLen)
	if err != nil {
		return nil, err
	}
	clientKey := hmacSHA256(salted, []byte("Client Key"))
	stored := sha256.Sum256(clientKey)
	cbind := base64.StdEncoding.EncodeToString(append([]byte(c.gs2), c.CBData...))
	without := "c=" + cbind + ",r=" + nonce
	c.authMsg = c.bare + "," + sfm + "," + without
	proof := make([]byte, KeyLen)
	subtle.XORBytes(proof, clientKey, hmacSHA256(stored[:], []byte(c.authMsg)))
	c.serverKey = hmacSHA256(salted, []byte("Server Key"))
	return []byte(without + ",p=" + base64.StdEncoding.EncodeToString(proof)), nil
}

func parseServerFirst(sfm string) (nonce string, salt []byte, iter int, err error) {
	attrs := strings.Split(sfm, ",")
	if len(attrs) < 3 || !strings.HasPrefix(attrs[0], "r=") ||
		!strings.HasPrefix(attrs[1], "s=") || !strings.HasPrefix(attrs[2], "i=") {
		return "", nil, 0, fmt.Errorf("scram: bad server-first message")
	}
	salt, err = base64.StdEncoding.DecodeString(attrs[1][2:])
	if err != nil {
		return "", nil, 0, fmt.Errorf("scram: bad salt: %w", err)
	}
	iter, err = strconv.Atoi(attrs[2][2:])
	if err != nil || iter < 1 || iter > maxClientIterations {
		return "", nil, 0, fmt.Errorf("scram: bad iteration count")
	}
	return attrs[0][2:], salt, iter, nil
}
