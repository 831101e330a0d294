package migrate

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Credential is one source login: a user and its password, or (with an
// admin) the admin's name and password and the user as authzid.
type Credential struct {
	User     string // the user migrated (and authorised as)
	AuthUser string // who authenticates: the user itself, or the admin
	Password string
}

// ParseUserFile reads -u's file: one "user password" per line (the
// password is the rest of the line, so it may hold spaces), blank lines
// and lines starting with '#' ignored.
func ParseUserFile(r io.Reader) ([]Credential, error) {
	var out []Credential
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 4096), 64<<10)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if t := strings.TrimSpace(line); t == "" || t[0] == '#' {
			continue
		}
		line = strings.TrimLeft(line, " \t")
		i := strings.IndexAny(line, " \t")
		if i < 0 {
			return nil, fmt.Errorf("line %d: want \"user password\"", n)
		}
		user, pass := line[:i], strings.TrimLeft(line[i:], " \t")
		if user == "" || pass == "" {
			return nil, fmt.Errorf("line %d: want \"user password\"", n)
		}
		out = append(out, Credential{User: user, AuthUser: user, Password: pass})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read user file: %w", err)
	}
	return out, nil
}

// ReadPassword reads -w's file: its first line, without the line end.
func ReadPassword(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("read password file: %w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", fmt.Errorf("password file is empty")
	}
	return line, nil
}
