// Package pgtest gives a test a PostgreSQL database of its own: a fresh
// schema on the server ONBOARD_TEST_PG names (.ci/run starts one), dropped
// when the test ends. Without ONBOARD_TEST_PG the test is skipped, unless
// ONBOARD_CI=1 says PostgreSQL must be there, when it fails.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql's "pgx" driver
)

// Env is the variable that holds the test server's URL, e.g.
// postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable.
const Env = "ONBOARD_TEST_PG"

// BackendEnv, set to "postgres", makes sandboxtest start every in-memory
// sandbox on a PostgreSQL schema of its own instead, so that the whole
// sandbox suite runs on both databases.
const BackendEnv = "ONBOARD_SANDBOX_TEST_BACKEND"

// OnPostgres reports whether sandboxtest runs sandboxes on PostgreSQL.
func OnPostgres() bool { return os.Getenv(BackendEnv) == "postgres" }

// URL returns the URL of a fresh, empty schema for t (its search_path),
// dropped at the end of the test.
func URL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(Env)
	if base == "" {
		if os.Getenv("ONBOARD_CI") == "1" {
			t.Fatalf("pgtest: %s is not set, and CI (ONBOARD_CI=1) must test PostgreSQL; .ci/run starts a cluster and sets it", Env)
		}
		t.Skipf("pgtest: set %s=postgres://… to run the PostgreSQL tests", Env)
	}
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("pgtest: opening %s: %v", Env, err)
	}
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	if _, err := db.ExecContext(context.Background(), "CREATE SCHEMA "+schema); err != nil {
		db.Close()
		t.Fatalf("pgtest: creating a schema: %v", err)
	}
	t.Cleanup(func() {
		defer db.Close()
		if _, err := db.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("pgtest: dropping schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("pgtest: %s is not a URL: %v", Env, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
