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
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver, registered as "sqlite"
)

//go:embed migrations/*.sql
var migrations embed.FS

// store is the sandbox's SQLite database: one writer connection, owned
// by the writer goroutine (writer.go), and for a file-backed database a few
// read-only ones beside it (WAL lets them read while the writer writes).
// Each connection keeps the statements it has prepared, so SQL is parsed
// once per connection, not once per request.
type store struct {
	// writer is the one connection that writes. Once migrated, only the
	// writer goroutine uses it; transactions reach it through jobs.
	writer *conn
	jobs   chan *job
	wrote  chan struct{} // closed when the writer goroutine has stopped
	// stats is the writer's own account of its work; only the writer
	// goroutine touches it (a job may read it).
	stats WriterStats
	// readers holds the read-only connections; nil when reads go to the
	// writer (in memory, an in-memory database exists on one connection
	// only; or Options.Readers -1).
	readers chan *conn
	dbs     []*sql.DB
	closed  chan struct{} // closed by close: nobody waits for a connection any more
	// news fires after every commit that put a message in the outbox.
	news signal
	// events fires after every commit that wrote a webhook event (whose
	// deliveries fresh keeps for the deliverer) or replayed one, and
	// stepped, if set, hears each event's type (metrics.go).
	events signal
	fresh  fresh
	// delivering, if set, is told of every commit that made deliveries.
	delivering func()
	stepped    func(string)
	now        func() time.Time
	closeOnce  sync.Once
	// pg is the PostgreSQL pool when the database is PostgreSQL
	// (store_pg.go); then writer, jobs and readers are unused.
	pg    *sql.DB
	pgDSN string // where pg connects, for connections of their own
	binds rebinder
	// txs counts the transactions on PostgreSQL (store_pg_stats.go).
	txs txCounts
	// stopListen ends the LISTEN goroutine, which closes listened.
	stopListen func()
	listened   chan struct{}
}

// conn is one database connection and the statements prepared on it.
type conn struct {
	c     *sql.Conn
	stmts map[string]*sql.Stmt
}

// maxStmts bounds a connection's statement cache. Every statement the
// sandbox runs is one of a fixed set of strings (values are always bound
// parameters), so the bound is only a guard: past it, the cache is emptied
// before the next transaction, when no rows are open.
const maxStmts = 512

// stmtCtx is the context statements run with: they are short, and a
// context that is never done spares database/sql and the driver a watcher
// goroutine per call. A request's own context still bounds the wait for a
// connection.
func stmtCtx() context.Context { return context.Background() }

// openStore opens (and migrates) the database at path; ":memory:" gives a
// private in-memory database. A file gets readers read-only connections
// (see Options.Readers). Per-connection pragmas are in the DSN so that
// every connection gets them.
func openStore(ctx context.Context, path string, readers int, now func() time.Time) (*store, error) {
	if isPostgres(path) {
		return openPGStore(ctx, path, now)
	}
	memory := path == "" || path == ":memory:"
	writerDSN := "file::memory:?_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)"
	if !memory {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("sandbox: creating the database folder: %w", err)
		}
		if err := prepareDBFile(path); err != nil {
			return nil, err
		}
		writerDSN = "file:" + path + "?_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)"
	}
	s := &store{now: now, jobs: make(chan *job, maxBatch), wrote: make(chan struct{}), closed: make(chan struct{})}
	w, err := s.connect(ctx, writerDSN, 1)
	if err != nil {
		return nil, dbWriteErr(path, fmt.Errorf("sandbox: opening %s: %w", path, err))
	}
	s.writer = w[0]
	err = s.migrate(ctx, memory)
	if err == nil && !memory {
		err = s.probeWrite(ctx)
	}
	if err == nil && !memory {
		err = makePrivate(path)
	}
	err = dbWriteErr(path, err)
	go s.write()
	if err != nil {
		s.close()
		return nil, err
	}
	if memory || readers < 0 {
		return s, nil
	}
	if readers == 0 {
		readers = min(max(runtime.GOMAXPROCS(0), 2), 8)
	}
	rs, err := s.connect(ctx, "file:"+path+"?_pragma=busy_timeout(5000)&_pragma=query_only(1)", readers)
	if err != nil {
		s.close()
		return nil, fmt.Errorf("sandbox: opening %s for reading: %w", path, err)
	}
	s.readers = make(chan *conn, len(rs))
	for _, r := range rs {
		s.readers <- r
	}
	return s, nil
}

// connect opens n connections to dsn, kept for the store's life.
func (s *store) connect(ctx context.Context, dsn string, n int) ([]*conn, error) {
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err //nolint:wrapcheck // the caller names the file
	}
	s.dbs = append(s.dbs, db)
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
	db.SetConnMaxLifetime(0)
	out := make([]*conn, 0, n)
	for range n {
		c, err := db.Conn(ctx)
		if err != nil {
			for _, o := range out {
				o.c.Close()
			}
			return nil, err //nolint:wrapcheck // the caller names the file
		}
		out = append(out, &conn{c: c, stmts: map[string]*sql.Stmt{}})
	}
	return out, nil
}

// close stops the writer goroutine once its batch is answered, waits for
// every reader to come back, then closes every connection.
func (s *store) close() error {
	var err error
	s.closeOnce.Do(func() {
		close(s.closed)
		<-s.wrote
		if s.pg != nil {
			s.stopListen()
			<-s.listened
			err = s.pg.Close()
			return
		}
		closeConn := func(c *conn) {
			for _, st := range c.stmts {
				st.Close()
			}
			err = errors.Join(err, c.c.Close())
		}
		closeConn(s.writer)
		if s.readers != nil {
			for range cap(s.readers) {
				closeConn(<-s.readers)
			}
		}
		for _, db := range s.dbs {
			err = errors.Join(err, db.Close())
		}
	})
	return err
}

// errClosed is what a request gets once the store is closed.
var errClosed = errors.New("sandbox: the database is closed")

// takeReader waits for a reader connection, or for ctx or the store to end.
func (s *store) takeReader(ctx context.Context) (*conn, error) {
	select {
	case <-s.closed:
		return nil, errClosed
	default:
	}
	select {
	case c := <-s.readers:
		return c, nil
	case <-s.closed:
		return nil, errClosed
	case <-ctx.Done():
		return nil, fmt.Errorf("sandbox: waiting for the database: %w", ctx.Err())
	}
}

// stmt returns q prepared on this connection, preparing it the first time.
func (c *conn) stmt(q string) (*sql.Stmt, error) {
	if st, ok := c.stmts[q]; ok {
		return st, nil
	}
	st, err := c.c.PrepareContext(stmtCtx(), q)
	if err != nil {
		return nil, err //nolint:wrapcheck // wrapped by the caller with the statement's verb
	}
	c.stmts[q] = st
	return st, nil
}

// trim empties the statement cache when it has grown past maxStmts.
func (c *conn) trim() {
	if len(c.stmts) < maxStmts {
		return
	}
	for q, st := range c.stmts {
		st.Close()
		delete(c.stmts, q)
	}
}

// migrate applies the embedded migrations newer than PRAGMA user_version,
// each in its own transaction; an in-memory database (memory) starts from
// the fresh image instead (fresh_image.go). It runs before the writer goroutine starts.
// Foreign keys are off meanwhile (the pragma is a no-op inside a
// transaction): a migration that rebuilds a table drops the old one, and
// that drop must not cascade to the rows that refer to it. Each migration
// is checked with foreign_key_check before it commits.
func (s *store) migrate(ctx context.Context, memory bool) error {
	names, err := migrationNames()
	if err != nil {
		return err
	}
	c := s.writer // the writer goroutine has not started: nothing else uses it
	if memory {
		// Empty, by definition: the fresh image, if it is current.
		if loaded, err := loadFresh(ctx, c, len(names)); loaded || err != nil {
			return err
		}
	}
	var version int
	if err := c.c.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("sandbox: reading the schema version: %w", err)
	}
	if version > len(names) {
		return fmt.Errorf("sandbox: the database is at schema version %d, newer than this onboard (%d); upgrade onboard or use another --db", version, len(names))
	}
	if version == len(names) {
		return nil
	}
	if _, err := c.c.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return fmt.Errorf("sandbox: migrating: %w", err)
	}
	for i := version; i < len(names); i++ {
		if err := applyMigration(ctx, c.c, names[i], i+1); err != nil {
			return err
		}
	}
	if _, err := c.c.ExecContext(ctx, "PRAGMA foreign_keys = ON"); err != nil {
		return fmt.Errorf("sandbox: migrating: %w", err)
	}
	return nil
}

// migrationNames lists the migrations in the order they apply; a
// PostgreSQL twin (NNN_name.pg.sql, dialect.go) is not one of its own.
func migrationNames() ([]string, error) {
	all, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return nil, fmt.Errorf("sandbox: listing migrations: %w", err)
	}
	names := all[:0]
	for _, n := range all {
		if !strings.HasSuffix(n, ".pg.sql") {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names, nil
}

// pgTwin is the name of migration name's PostgreSQL text, if it has one.
func pgTwin(name string) string { return strings.TrimSuffix(name, ".sql") + ".pg.sql" }

// applyMigration runs migration name in one transaction and records the
// schema version it brings the database to.
func applyMigration(ctx context.Context, c *sql.Conn, name string, version int) error {
	body, err := migrations.ReadFile(name)
	if err != nil {
		return fmt.Errorf("sandbox: reading %s: %w", name, err)
	}
	tx, err := c.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sandbox: migrating: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return fmt.Errorf("sandbox: applying %s: %w", name, err)
	}
	rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return fmt.Errorf("sandbox: checking %s: %w", name, err)
	}
	broken := rows.Next()
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sandbox: checking %s: %w", name, err)
	}
	if broken {
		return fmt.Errorf("sandbox: %s leaves rows that refer to nothing; the database is left at version %d", name, version-1)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", version)); err != nil {
		return fmt.Errorf("sandbox: recording schema version %d: %w", version, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sandbox: committing %s: %w", name, err)
	}
	return nil
}

// tx is one transaction with one "now", so every expiry check inside it
// agrees with every other.
type tx struct {
	c *conn
	// pg is the PostgreSQL transaction, when the database is PostgreSQL
	// (then c is nil), and binds rewrites its statements (dialect.go).
	pg    *sql.Tx
	binds *rebinder
	now   time.Time
	// sent says the transaction put a message in the outbox; hooks is
	// what its webhook events tell the deliverer and the metrics.
	sent  bool
	hooks hookNews
	// outgoing are the messages a PostgreSQL transaction writes at its
	// end (writeOutbox).
	outgoing []outgoing
}

// read runs fn in a read transaction, so every statement in it sees one
// snapshot, on a reader when there are readers (else as one of the
// writer's transactions). fn must not write: a reader's connection is
// query_only.
func (s *store) read(ctx context.Context, fn func(*tx) error) (err error) {
	if s.pg != nil {
		return s.pgTx(ctx, false, fn)
	}
	if s.readers == nil {
		return s.inTx(ctx, fn)
	}
	c, err := s.takeReader(ctx)
	if err != nil {
		return err
	}
	defer func() { s.readers <- c }()
	c.trim()
	if _, err := c.exec("BEGIN"); err != nil {
		return fmt.Errorf("sandbox: begin: %w", err)
	}
	// A read transaction changes nothing: COMMIT and ROLLBACK only end it.
	defer func() {
		if _, cerr := c.exec("COMMIT"); cerr != nil {
			err = errors.Join(err, fmt.Errorf("sandbox: ending a read: %w", cerr))
		}
	}()
	return fn(&tx{c: c, now: s.now()})
}

func (c *conn) exec(q string, args ...any) (sql.Result, error) {
	st, err := c.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(stmtCtx(), args...) //nolint:wrapcheck // wrapped by the caller
}

func (t *tx) exec(q string, args ...any) (sql.Result, error) {
	if t.pg != nil {
		r, err := t.pg.ExecContext(stmtCtx(), t.binds.rebind(q), pgArgs(args)...)
		if err != nil {
			return nil, stmtErr(q, err)
		}
		return r, nil
	}
	r, err := t.c.exec(q, args...)
	if err != nil {
		return nil, stmtErr(q, err)
	}
	return r, nil
}

// verb is q's first word (SELECT, INSERT, …).
func verb(q string) string { return strings.Fields(q)[0] }

// stmtErr wraps err from statement q with its verb: the SQL itself may be
// long, and its values are never in it.
func stmtErr(q string, err error) error { return fmt.Errorf("sandbox: %s: %w", verb(q), err) }

// row is one row of a query, or the error that kept it from running.
type row struct {
	r   *sql.Row
	err error
}

// Scan copies the row's columns into dest, as sql.Row.Scan does.
func (r row) Scan(dest ...any) error {
	if r.err != nil {
		return r.err
	}
	return r.r.Scan(dest...) //nolint:wrapcheck // callers test for sql.ErrNoRows
}

func (t *tx) row(q string, args ...any) row {
	if t.pg != nil {
		return row{r: t.pg.QueryRowContext(stmtCtx(), t.binds.rebind(q), pgArgs(args)...)}
	}
	st, err := t.c.stmt(q)
	if err != nil {
		return row{err: stmtErr(q, err)}
	}
	return row{r: st.QueryRowContext(stmtCtx(), args...)}
}

// query runs q; the caller closes the rows.
func (t *tx) query(q string, args ...any) (*sql.Rows, error) {
	if t.pg != nil {
		rows, err := t.pg.QueryContext(stmtCtx(), t.binds.rebind(q), pgArgs(args)...)
		if err != nil {
			return nil, stmtErr(q, err)
		}
		return rows, nil
	}
	st, err := t.c.stmt(q)
	if err != nil {
		return nil, stmtErr(q, err)
	}
	rows, err := st.QueryContext(stmtCtx(), args...)
	if err != nil {
		return nil, stmtErr(q, err)
	}
	return rows, nil
}

// ping checks that the database answers.
func (s *store) ping(ctx context.Context) error {
	if s.pg != nil {
		return s.pg.PingContext(ctx) //nolint:wrapcheck // only its being nil matters
	}
	return s.read(ctx, func(t *tx) error { return t.c.c.PingContext(ctx) })
}

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
