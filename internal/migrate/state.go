package migrate

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/corvusmail/corvus/internal/atomicfile"
)

// MailboxState is a source mailbox as the last complete sync left it,
// with the target's HIGHESTMODSEQ at that moment. If both still match,
// nothing changed on either side and the mailbox is skipped.
type MailboxState struct {
	UIDValidity   uint32 `json:"uidvalidity"`
	UIDNext       uint32 `json:"uidnext"`
	HighestModSeq uint64 `json:"highestmodseq"`
	Messages      uint32 `json:"messages"`
	TargetModSeq  uint64 `json:"target_modseq"`
}

// State is the state file: per source server, user and mailbox. It is
// only a shortcut: without it (deleted, or another host) a run compares
// every mailbox with the target and reaches the same result.
type State struct {
	Version int                                `json:"version"`
	Boxes   map[string]map[string]MailboxState `json:"mailboxes"` // "host user" → store name → state
}

const stateVersion = 1

// NewState returns an empty state.
func NewState() *State {
	return &State{Version: stateVersion, Boxes: map[string]map[string]MailboxState{}}
}

// ParseState reads a state file's content.
func ParseState(r io.Reader) (*State, error) {
	s := NewState()
	if err := json.NewDecoder(r).Decode(s); err != nil {
		return nil, fmt.Errorf("state file: %w", err)
	}
	if s.Version != stateVersion {
		return nil, fmt.Errorf("state file version %d, want %d", s.Version, stateVersion)
	}
	if s.Boxes == nil {
		s.Boxes = map[string]map[string]MailboxState{}
	}
	return s, nil
}

// LoadState reads the state file at path; a missing file is an empty
// state.
func LoadState(path string) (*State, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return NewState(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	s, err := ParseState(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// Get returns the state of one mailbox.
func (s *State) Get(host, user, box string) (MailboxState, bool) {
	b, ok := s.Boxes[host+" "+user][box]
	return b, ok
}

// Set records the state of one mailbox.
func (s *State) Set(host, user, box string, b MailboxState) {
	k := host + " " + user
	if s.Boxes[k] == nil {
		s.Boxes[k] = map[string]MailboxState{}
	}
	s.Boxes[k][box] = b
}

// Forget drops one mailbox (it failed, or is gone at the source).
func (s *State) Forget(host, user, box string) {
	delete(s.Boxes[host+" "+user], box)
}

// Save writes the state to path atomically: a new file, fsync'd, renamed
// over the old one, so a crash leaves the old state or the new.
func (s *State) Save(path string) error {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	if err := atomicfile.Write(path, append(b, '\n'), 0o600); err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	return nil
}
