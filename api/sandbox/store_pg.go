package sandbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // database/sql's "pgx" driver
)

// On PostgreSQL the sandbox is one of several processes on one database
// (README.md, "A sandbox for a team"): there is no writer
// goroutine; every transaction runs on a pooled connection at
// SERIALIZABLE isolation and is run again, whole, when PostgreSQL refuses
// it for a conflict with another transaction. So a check-then-insert (the
// same phone registered on two processes at once) makes one consumer and
// one 409, and counters read then written are never lost.

// pgRetries bounds how many times a transaction refused for a conflict is
// run again.
const pgRetries = 24

// pgPoolSize is how many connections one sandbox process holds open.
const pgPoolSize = 16

// outboxChannel is the NOTIFY channel a commit that sent a message
// signals on, so that every process's held outbox requests wake.
const outboxChannel = "onboard_outbox"

// outboxLockKey is the advisory lock that makes transactions that write
// the outbox commit one at a time, so that message ids become visible in
// the order they were given (a reader's since= never skips one).
const outboxLockKey = 0x6f6e626f617264

// openPGStore connects to the PostgreSQL database at dsn, migrates it and
// starts listening for other processes' messages.
func openPGStore(ctx context.Context, dsn string, now func() time.Time) (*store, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("sandbox: opening %s: %w", redactDSN(dsn), err)
	}
	db.SetMaxOpenConns(pgPoolSize)
	db.SetMaxIdleConns(pgPoolSize)
	s := &store{now: now, pg: db, pgDSN: dsn, dbs: []*sql.DB{db}, wrote: make(chan struct{}), closed: make(chan struct{})}
	close(s.wrote) // no writer goroutine on PostgreSQL
	if err := s.pgMigrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sandbox: %s: %w", redactDSN(dsn), err)
	}
	lctx, cancel := context.WithCancel(context.Background())
	s.stopListen = cancel
	s.listened = make(chan struct{})
	go s.listen(lctx, dsn)
	return s, nil
}

// DescribeDB names database dsn (Options.DB) for a banner or a log line:
// a file as it is, a PostgreSQL URL with its password masked.
func DescribeDB(dsn string) string {
	if isPostgres(dsn) {
		return redactDSN(dsn)
	}
	return dsn
}

// redactDSN is dsn fit for a message: its password masked.
func redactDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "the PostgreSQL database"
	}
	return u.Redacted()
}

// pgMigrate applies the migrations newer than the database's, holding an
// advisory lock so that two processes starting at once migrate once.
func (s *store) pgMigrate(ctx context.Context) error {
	c, err := s.pg.Conn(ctx)
	if err != nil {
		return fmt.Errorf("connecting: %w", err)
	}
	defer c.Close()
	const lock = outboxLockKey + 1
	if _, err := c.ExecContext(ctx, "SELECT pg_advisory_lock($1)", int64(lock)); err != nil {
		return fmt.Errorf("waiting for the migration lock: %w", err)
	}
	defer c.ExecContext(context.Background(), "SELECT pg_advisory_unlock($1)", int64(lock)) //nolint:errcheck // closing the session frees it too
	if _, err := c.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)"); err != nil {
		return fmt.Errorf("reading the schema version: %w", err)
	}
	var version int
	if err := c.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_version").Scan(&version); err != nil {
		return fmt.Errorf("reading the schema version: %w", err)
	}
	names, err := migrationNames()
	if err != nil {
		return err
	}
	if version > len(names) {
		return fmt.Errorf("the database is at schema version %d, newer than this onboard (%d); upgrade onboard or use another --db", version, len(names))
	}
	for i := version; i < len(names); i++ {
		if err := pgApply(ctx, c, names[i], i+1); err != nil {
			return err
		}
	}
	if _, err := c.ExecContext(ctx, pgRowids); err != nil {
		return fmt.Errorf("adding row ids: %w", err)
	}
	return nil
}

// pgApply runs migration name (its .pg.sql twin when there is one, else
// its SQLite text rewritten) in one transaction with its version.
func pgApply(ctx context.Context, c *sql.Conn, name string, version int) error {
	body, err := migrations.ReadFile(pgTwin(name))
	if err == nil {
		body = []byte(pgNocase + string(body))
	} else {
		body, err = migrations.ReadFile(name)
		if err != nil {
			return fmt.Errorf("reading %s: %w", name, err)
		}
		body = []byte(pgMigration(string(body)))
	}
	tx, err := c.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrating: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return fmt.Errorf("applying %s: %w", name, err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM schema_version"); err != nil {
		return fmt.Errorf("recording schema version %d: %w", version, err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_version (version) VALUES ($1)", version); err != nil {
		return fmt.Errorf("recording schema version %d: %w", version, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("committing %s: %w", name, err)
	}
	return nil
}

// pgTx runs fn in a transaction of its own, again while PostgreSQL
// refuses it for a conflict. Reads run at REPEATABLE READ, read-only (one
// snapshot, never refused); writes at SERIALIZABLE.
func (s *store) pgTx(ctx context.Context, write bool, fn func(*tx) error) error {
	select {
	case <-s.closed:
		return errClosed
	default:
	}
	opts := &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
	if write {
		opts = &sql.TxOptions{Isolation: sql.LevelSerializable}
	}
	for try := 1; ; try++ {
		t, err := s.pgOnce(ctx, opts, fn)
		if err == nil {
			if t.sent {
				s.news.fire()
			}
			s.eventsCommitted(t.hooks)
			return nil
		}
		if !pgConflict(err) || try == pgRetries {
			return err
		}
		// Back off a random while, growing, so that the transactions that
		// collided do not collide again.
		wait := time.Duration(rand.Int64N(int64(time.Millisecond) << min(try, 7)))
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return fmt.Errorf("sandbox: waiting for the database: %w", ctx.Err())
		}
	}
}

// pgOnce runs fn once in a transaction and commits it when fn returns nil.
func (s *store) pgOnce(ctx context.Context, opts *sql.TxOptions, fn func(*tx) error) (t *tx, err error) {
	defer func() { s.txs.count(opts, err) }()
	sqlTx, err := s.pg.BeginTx(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("sandbox: begin: %w", err)
	}
	defer sqlTx.Rollback() //nolint:errcheck // a no-op after Commit
	t = &tx{pg: sqlTx, binds: &s.binds, now: s.now()}
	if err := fn(t); err != nil {
		return nil, err
	}
	if err := t.writeOutbox(); err != nil {
		return nil, err
	}
	if err := sqlTx.Commit(); err != nil {
		return nil, fmt.Errorf("sandbox: commit: %w", err)
	}
	return t, nil
}

// pgConflict reports whether err is PostgreSQL refusing a transaction for
// another one (a serialization failure, a deadlock, or a unique key that
// the other committed first), so that running it again decides it.
func pgConflict(err error) bool {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return false
	}
	switch pe.Code {
	case "40001", "40P01", "23505":
		return true
	}
	return false
}

// pgOutboxTurn takes the outbox's turn for this transaction and has its
// commit notify every process's held outbox requests.
func (t *tx) pgOutboxTurn() error {
	_, err := t.exec("SELECT pg_advisory_xact_lock(?), pg_notify(?, '')", int64(outboxLockKey), outboxChannel)
	return err
}

// listen wakes this process's held outbox requests whenever any process
// commits a message, reconnecting until the store closes.
func (s *store) listen(ctx context.Context, dsn string) {
	defer close(s.listened)
	for ctx.Err() == nil {
		s.listenOnce(ctx, dsn)
		s.news.fire() // a message may have come while not listening
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
}

// listenOnce holds one LISTEN connection until it fails or ctx ends.
func (s *store) listenOnce(ctx context.Context, dsn string) {
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return
	}
	defer c.Close(context.Background())
	if _, err := c.Exec(ctx, "LISTEN "+outboxChannel); err != nil {
		return
	}
	s.news.fire()
	for {
		if _, err := c.WaitForNotification(ctx); err != nil {
			return
		}
		s.news.fire()
	}
}
