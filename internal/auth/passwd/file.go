package passwd

import (
	"bufio"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sync"

	"github.com/corvusmail/corvus/internal/auth"
	"github.com/corvusmail/corvus/internal/auth/scram"
	"github.com/rs/zerolog"
)

// maxFileSize bounds what is read: a password file of this size would
// hold about a hundred thousand users.
const maxFileSize = 64 << 20

// File is a password file, re-read when it changes. It implements
// auth.Checker and auth.ScramStore and is safe for concurrent use.
type File struct {
	path string
	log  zerolog.Logger

	mu     sync.Mutex
	info   fs.FileInfo // of the version in users
	users  map[string]Entry
	warned string // last problem logged, so each is logged once
	dummy  Entry  // what an unknown user's password is checked against
}

// Open returns the password file at path. Nothing is read until the
// first check, so a missing file is reported then (and logged), not at
// start.
func Open(path string, log zerolog.Logger) *File {
	return &File{path: path, log: log.With().Str("passwd_file", path).Logger()}
}

// Check implements auth.Checker. service and realm are not used: the
// file holds canonical userids.
func (f *File) Check(_ context.Context, user, password, _, _ string) error {
	users, err := f.current()
	if err != nil {
		return err
	}
	e, ok := users[user]
	if !ok {
		// Spend the same time as for a real user, so that timing does not
		// tell which users exist.
		f.dummy.Verify(password)
		return auth.ErrBadCredentials
	}
	if !e.Verify(password) {
		return auth.ErrBadCredentials
	}
	return nil
}

// ScramSecrets implements auth.ScramStore.
func (f *File) ScramSecrets(_ context.Context, user string) (scram.Secrets, error) {
	users, err := f.current()
	if err != nil {
		return scram.Secrets{}, err
	}
	e, ok := users[user]
	if !ok || e.Scram == nil {
		return scram.Secrets{}, fmt.Errorf("%w: no SCRAM credential", auth.ErrBadCredentials)
	}
	return *e.Scram, nil
}

// dummyFor returns an entry no password matches that costs what a real
// user's check costs: SCRAM keys with the iteration count of one of the
// file's SCRAM users, else Argon2 with the costs of one of its Argon2
// users (DefaultParams if none), so timing does not tell which users exist.
func dummyFor(users map[string]Entry) Entry {
	a := Argon2{Memory: DefaultParams.Argon2Memory, Time: DefaultParams.Argon2Time, Threads: DefaultParams.Argon2Threads}
	var sec *scram.Secrets
	for _, e := range users {
		if e.Scram != nil {
			sec = &scram.Secrets{Iterations: e.Scram.Iterations}
			break
		}
		if e.Argon2 != nil {
			a.Memory, a.Time, a.Threads = e.Argon2.Memory, e.Argon2.Time, e.Argon2.Threads
		}
	}
	if sec != nil {
		sec.Salt, sec.StoredKey, sec.ServerKey = make([]byte, saltLen), make([]byte, keyLen), make([]byte, keyLen)
		rand.Read(sec.Salt)
		rand.Read(sec.StoredKey)
		return Entry{Scram: sec}
	}
	a.Salt, a.Key = make([]byte, saltLen), make([]byte, keyLen)
	rand.Read(a.Salt)
	rand.Read(a.Key)
	return Entry{Argon2: &a}
}

// current returns the users of the file as it is now, reading it again
// if it changed since the last call.
func (f *File) current() (map[string]Entry, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fd, err := os.Open(f.path)
	if err != nil {
		return nil, f.fail(fmt.Errorf("open password file: %w", err))
	}
	defer fd.Close()
	info, err := fd.Stat()
	if err != nil {
		return nil, f.fail(fmt.Errorf("stat password file: %w", err))
	}
	if perm := info.Mode().Perm(); perm&0o006 != 0 {
		return nil, f.fail(fmt.Errorf("password file is accessible to others (mode %04o): refused; chmod o-rwx it", perm))
	}
	if f.info != nil && os.SameFile(f.info, info) && f.info.ModTime().Equal(info.ModTime()) && f.info.Size() == info.Size() {
		return f.users, nil
	}
	users, err := f.read(fd)
	if err != nil {
		return nil, f.fail(err)
	}
	f.info, f.users, f.warned, f.dummy = info, users, "", dummyFor(users)
	f.log.Info().Int("users", len(users)).Msg("password file loaded")
	return users, nil
}

// fail logs a problem with the file once and returns it as unavailable.
func (f *File) fail(err error) error {
	if msg := err.Error(); msg != f.warned {
		f.warned = msg
		f.log.Warn().Err(err).Msg("password file unusable")
	}
	f.info, f.users = nil, nil
	return fmt.Errorf("%w: %w", auth.ErrUnavailable, err)
}

// read parses the file. A bad line is logged (by number, never content)
// and skipped, so one typo locks out one user, not everyone; for a user
// listed twice the first line wins.
func (f *File) read(r io.Reader) (map[string]Entry, error) {
	sc := bufio.NewScanner(io.LimitReader(r, maxFileSize))
	sc.Buffer(make([]byte, 0, 4096), maxLine+2)
	users := map[string]Entry{}
	for n := 1; sc.Scan(); n++ {
		e, ok, err := ParseLine(sc.Text())
		switch {
		case err != nil:
			f.log.Warn().Int("line", n).Str("problem", err.Error()).Msg("password file line ignored")
		case !ok:
		case users[e.User].User != "":
			f.log.Warn().Int("line", n).Str("user", e.User).Msg("user listed again; first line wins")
		default:
			users[e.User] = e
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("password file has a line longer than %d bytes", maxLine)
		}
		return nil, fmt.Errorf("read password file: %w", err)
	}
	return users, nil
}
