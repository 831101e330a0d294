package scram

import "crypto/rand"

// processFakeKey keys made-up salts when Options.FakeKey is nil. It lives
// as long as the process, so one unknown name keeps one salt per worker.
var processFakeKey = func() []byte {
	b := make([]byte, 32)
	rand.Read(b)
	return b
}()

// fakeSecrets makes up plausible keys for an unknown user: a salt that is
// stable for the name, the usual iteration count, and keys no password
// produces (the conversation fails at the proof whatever the client
// sends).
func (s *Server) fakeSecrets() Secrets {
	key := s.opt.FakeKey
	if key == nil {
		key = processFakeKey
	}
	iter := s.opt.FakeIterations
	if iter < MinIterations {
		iter = MinIterations
	}
	mac := hmacSHA256(key, []byte("salt\x00"+s.first.Username))
	return Secrets{
		Iterations: iter,
		Salt:       mac[:16],
		StoredKey:  hmacSHA256(key, []byte("stored\x00"+s.first.Username)),
		ServerKey:  hmacSHA256(key, []byte("server\x00"+s.first.Username)),
	}
}
