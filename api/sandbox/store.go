package sandbox

import (
	"context"
	"crypto/rand"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver, registered as "sqlite"
)

//go:embed migrations/*.sql
var migrations embed.FS

// store is the sandbox's SQLite database.
type store struct {
	db  *sql.DB
	now func() time.Time
}

// openStore opens (and migrates) the database at path; ":memory:" gives a
// private in-memory database. Per-connection pragmas are in the DSN so that
// every pooled connection gets them.
func openStore(ctx context.Context, path string, now func() time.Time) (*store, error) {
	var dsn string
	memory := path == "" || path == ":memory:"
	if memory {
		dsn = "file::memory:?_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)"
	} else {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("sandbox: creating the database folder: %w", err)
		}
		dsn = "file:" + path + "?_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)"
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("sandbox: opening %s: %w", path, err)
	}
	// One connection: an in-memory database exists per connection, and a
	// single writer is what SQLite wants anyway.
	db.SetMaxOpenConns(1)
	s := &store{db: db, now: now}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

func (s *store) close() error { return s.db.Close() }

// migrate applies the embedded migrations newer than PRAGMA user_version,
// each in its own transaction.
func (s *store) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("sandbox: listing migrations: %w", err)
	}
	sort.Strings(names)
	var version int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("sandbox: reading the schema version: %w", err)
	}
	if version > len(names) {
		return fmt.Errorf("sandbox: the database is at schema version %d, newer than this onboard (%d); upgrade onboard or use another --db", version, len(names))
	}
	for i := version; i < len(names); i++ {
		body, err := migrations.ReadFile(names[i])
		if err != nil {
			return fmt.Errorf("sandbox: reading %s: %w", names[i], err)
		}
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("sandbox: migrating: %w", err)
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			tx.Rollback()
			return fmt.Errorf("sandbox: applying %s: %w", names[i], err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", i+1)); err != nil {
			tx.Rollback()
			return fmt.Errorf("sandbox: recording schema version %d: %w", i+1, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("sandbox: committing %s: %w", names[i], err)
		}
	}
	return nil
}

// tx is one transaction with one "now", so every expiry check inside it
// agrees with every other.
type tx struct {
	*sql.Tx
	now time.Time
	ctx context.Context
}

// inTx runs fn in a transaction, committing when it returns nil.
func (s *store) inTx(ctx context.Context, fn func(*tx) error) error {
	t, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sandbox: begin: %w", err)
	}
	if err := fn(&tx{Tx: t, now: s.now(), ctx: ctx}); err != nil {
		t.Rollback()
		return err
	}
	if err := t.Commit(); err != nil {
		return fmt.Errorf("sandbox: commit: %w", err)
	}
	return nil
}

func (t *tx) exec(q string, args ...any) (sql.Result, error) {
	r, err := t.ExecContext(t.ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sandbox: %s: %w", strings.Fields(q)[0], err)
	}
	return r, nil
}

func (t *tx) row(q string, args ...any) *sql.Row { return t.QueryRowContext(t.ctx, q, args...) }

// signingKey returns the database's JWT key, creating it on first use, so
// tokens stay valid across restarts of a file-backed sandbox.
func (s *store) signingKey(ctx context.Context) ([]byte, error) {
	var key []byte
	err := s.inTx(ctx, func(t *tx) error {
		err := t.row("SELECT value FROM meta WHERE key = 'jwt_key'").Scan(&key)
		if errors.Is(err, sql.ErrNoRows) {
			key = make([]byte, 32)
			if _, err := rand.Read(key); err != nil {
				return fmt.Errorf("sandbox: making a signing key: %w", err)
			}
			_, err = t.exec("INSERT INTO meta (key, value) VALUES ('jwt_key', ?)", key)
			return err
		}
		if err != nil {
			return fmt.Errorf("sandbox: reading the signing key: %w", err)
		}
		return nil
	})
	return key, err
}

func unix(t time.Time) int64 { return t.UnixMilli() }

func fromUnix(ms int64) time.Time { return time.UnixMilli(ms).UTC() }
