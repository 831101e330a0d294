package sqlite

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/corvusmail/corvus/internal/store"
	sqlitedrv "modernc.org/sqlite"
)

// Options configure a Store. Partition is required.
type Options struct {
	// Partition is the directory of imapd.conf's partition-default: every
	// user's database and message files live under it.
	Partition string
	// ConfigDir is imapd.conf's configdirectory; the server-wide database
	// (server metadata) is <ConfigDir>/corvus/server.db. Empty disables
	// server metadata.
	ConfigDir string
	// BusyTimeout is how long a transaction waits for another process's
	// write lock (SQLite busy_timeout). Default 20s.
	BusyTimeout time.Duration
	// DuplicateExpiry bounds duplicate suppression records. Default
	// store.DefaultDuplicateExpiry.
	DuplicateExpiry time.Duration
	// MaxIdleAccounts is how many closed accounts' databases stay open for
	// reuse (lmtpd delivering to the same users again). Default 32.
	MaxIdleAccounts int
	// MaxIdleTime is how long an account no session uses stays open
	// for reuse. Default 30s.
	MaxIdleTime time.Duration
	// Expired, when set, is called after the expiry timer has closed
	// accounts and none is left idle: a daemon hands its free memory
	// back to the kernel there (nothing else would, once it is quiet).
	Expired func()
	// MaxReaders bounds the reader connections per account. Default 4.
	MaxReaders int
	// Now is the clock; nil means time.Now. For tests.
	Now func() time.Time
}

// Store is the embedded store; see the package documentation.
type Store struct {
	opts Options

	mu     sync.Mutex
	users  map[string]*entry
	closed bool
	expiry *time.Timer // armed while accounts are idle (idle.go)

	srvOnce sync.Once
	srv     *handle
	srvErr  error
}

var _ store.Store = (*Store)(nil)

// entry is one user's open database, shared by every Account handle of
// this process; ready is closed once u (or err) is set.
type entry struct {
	ready chan struct{}
	u     *userDB
	err   error
	refs  int
	idle  time.Time
	gone  bool // dropped from the cache: close when refs reach 0
}

// Open opens the store on a partition, creating the partition directory if
// needed. It touches no account.
func Open(opts Options) (*Store, error) {
	if opts.Partition == "" {
		return nil, errors.New("store: no partition directory")
	}
	p, err := filepath.Abs(opts.Partition)
	if err != nil {
		return nil, fmt.Errorf("store: partition: %w", err)
	}
	opts.Partition = p
	if opts.BusyTimeout <= 0 {
		opts.BusyTimeout = 20 * time.Second
	}
	if opts.DuplicateExpiry <= 0 {
		opts.DuplicateExpiry = store.DefaultDuplicateExpiry
	}
	if opts.MaxIdleAccounts <= 0 {
		opts.MaxIdleAccounts = 32
	}
	if opts.MaxIdleTime <= 0 {
		opts.MaxIdleTime = 30 * time.Second
	}
	if opts.MaxReaders <= 0 {
		opts.MaxReaders = 4
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if err := mkdirAllSync(p); err != nil {
		return nil, fmt.Errorf("store: partition: %w", err)
	}
	// Commit with fdatasync, as SQLite built natively on Linux does: the
	// same durability (the WAL's size is metadata fdatasync flushes),
	// without forcing timestamp updates through the journal. The setting
	// is process-wide; the store is the process's only SQLite user.
	sqlitedrv.Fdatasync(true)
	return &Store{opts: opts, users: make(map[string]*entry)}, nil
}

func (s *Store) now() time.Time { return s.opts.Now() }

// Open implements store.Store.
func (s *Store) Open(ctx context.Context, user string) (store.Account, error) {
	return s.account(ctx, user, false)
}

// Create implements store.Store.
func (s *Store) Create(ctx context.Context, user string) (store.Account, error) {
	return s.account(ctx, user, true)
}

func (s *Store) account(ctx context.Context, user string, create bool) (store.Account, error) {
	e, err := s.acquire(ctx, user, create)
	if err != nil {
		return nil, err
	}
	return &account{s: s, e: e, u: e.u}, nil
}

// Close closes every database. Accounts still open become unusable.
func (s *Store) Close() error {
	s.mu.Lock()
	s.closed = true
	users := s.users
	s.users = nil
	if s.expiry != nil {
		s.expiry.Stop()
	}
	s.mu.Unlock()
	var first error
	for _, e := range users {
		select {
		case <-e.ready:
			if e.u != nil {
				if err := e.u.close(); err != nil && first == nil {
					first = err
				}
			}
		default:
		}
	}
	if s.srv != nil {
		if err := s.srv.close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Users implements store.Store by walking the partition tree.
func (s *Store) Users(ctx context.Context) ([]string, error) {
	return listUsers(s.opts.Partition)
}

// DeleteUser implements store.Store. The user's directory is first renamed
// out of the tree (one atomic step: the account is gone for every process
// at once), then removed.
func (s *Store) DeleteUser(ctx context.Context, user string) error {
	if err := store.CheckUser(user); err != nil {
		return err
	}
	dir := userDir(s.opts.Partition, user)
	if _, err := os.Stat(filepath.Join(dir, dbName)); err != nil {
		return fmt.Errorf("delete user %q: %w", user, store.ErrNoUser)
	}
	s.forget(user)
	trash := filepath.Join(s.opts.Partition, deleteDir)
	if err := mkdirAllSync(trash); err != nil {
		return err
	}
	dst := filepath.Join(trash, newFileID())
	if err := os.Rename(dir, dst); err != nil {
		return fmt.Errorf("delete user %q: %w", user, err)
	}
	if err := syncDir(filepath.Dir(dir)); err != nil {
		return err
	}
	if err := os.RemoveAll(dst); err != nil {
		return fmt.Errorf("delete user %q: %w", user, err)
	}
	// Leftovers of deletions a crash interrupted.
	if rest, err := os.ReadDir(trash); err == nil {
		for _, d := range rest {
			os.RemoveAll(filepath.Join(trash, d.Name()))
		}
	}
	return nil
}
