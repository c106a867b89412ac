package sandbox

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"slices"
	"testing"
)

var updateImage = flag.Bool("update-image", false, "write migrations/fresh.sqlite.gz from the migrations")

// migrated returns an in-memory database with every migration replayed,
// as a store migrating an empty file would.
func migrated(t *testing.T) *conn {
	t.Helper()
	st := &store{}
	w, err := st.connect(context.Background(), "file::memory:?_pragma=foreign_keys(1)", 1)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w[0].c.Close() })
	st.writer = w[0]
	if err := st.migrate(context.Background(), false); err != nil {
		t.Fatal(err)
	}
	return w[0]
}

// schemaOf lists c's schema (every object's type, name, table and SQL,
// by name), the sequences the migrations seed, its user_version and its
// integrity check.
func schemaOf(t *testing.T, c *conn) []string {
	t.Helper()
	ctx := context.Background()
	rows, err := c.c.QueryContext(ctx, "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var typ, name, tbl, sql string
		if err := rows.Scan(&typ, &name, &tbl, &sql); err != nil {
			t.Fatal(err)
		}
		out = append(out, typ+" "+name+" on "+tbl+": "+sql)
	}
	seqs, err := c.c.QueryContext(ctx, "SELECT name, seq FROM sqlite_sequence ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	defer seqs.Close()
	for seqs.Next() { // the ids a migration seeds (Weavr's start at 110000000000)
		var name string
		var seq int64
		if err := seqs.Scan(&name, &seq); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint("sequence ", name, " ", seq))
	}
	var version int
	var check string
	if err := c.c.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		t.Fatal(err)
	}
	if err := c.c.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&check); err != nil {
		t.Fatal(err)
	}
	return append(out, fmt.Sprint("user_version ", version), "integrity "+check)
}

// TestFreshImageMatchesMigrations: the image an in-memory sandbox starts
// from holds the schema the migrations leave, at their version, and an
// in-memory store loads it rather than replaying them.
func TestFreshImageMatchesMigrations(t *testing.T) {
	want := migrated(t)
	if *updateImage {
		writeImage(t, want)
		return // the binary embeds the old image; the next run checks the new
	}
	names, err := migrationNames()
	if err != nil {
		t.Fatal(err)
	}
	st, err := openStore(context.Background(), "", 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.close()
	got, wantSchema := schemaOf(t, st.writer), schemaOf(t, want)
	if !slices.Equal(got, wantSchema) {
		t.Fatalf("migrations/fresh.sqlite.gz is not what the migrations leave; run\n\tgo test ./api/sandbox -run TestFreshImage -update-image\ngot:\n%q\nwant:\n%q", got, wantSchema)
	}
	c := &conn{c: mustConn(t)}
	loaded, err := loadFresh(context.Background(), c, len(names))
	if err != nil || !loaded {
		t.Fatalf("the image was not loaded (%v): an in-memory sandbox replays every migration at start", err)
	}
	if loaded, _ := loadFresh(context.Background(), &conn{c: mustConn(t)}, len(names)+1); loaded {
		t.Fatal("an image older than the migrations was loaded")
	}
}

// mustConn opens one empty in-memory connection for the test.
func mustConn(t *testing.T) *sql.Conn {
	t.Helper()
	w, err := (&store{}).connect(context.Background(), "file::memory:", 1)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w[0].c.Close() })
	return w[0].c
}

// writeImage writes c's database, vacuumed, as migrations/fresh.sqlite.gz.
func writeImage(t *testing.T, c *conn) {
	t.Helper()
	if _, err := c.c.ExecContext(context.Background(), "VACUUM"); err != nil {
		t.Fatal(err)
	}
	var img []byte
	err := c.c.Raw(func(dc any) (err error) {
		img, err = dc.(interface{ Serialize() ([]byte, error) }).Serialize()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(img) //nolint:errcheck // a bytes.Buffer
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("migrations/fresh.sqlite.gz", buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote migrations/fresh.sqlite.gz: %d bytes, %d gzipped", len(img), buf.Len())
}
