//go:build unix

// Unix only: these tests are about file modes (0600, the umask, a
// read-only file or folder), which Windows does not have.

package sandbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestDBFilePrivate: the database and its -wal and -shm files are 0600,
// whatever the umask, and an older 0644 database is made private.
func TestDBFilePrivate(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	dir := t.TempDir()
	fresh, legacy := filepath.Join(dir, "fresh.db"), filepath.Join(dir, "legacy.db")
	if err := os.WriteFile(legacy, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{fresh, legacy} {
		st, err := openStore(context.Background(), path, 1, time.Now)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{path, path + "-wal", path + "-shm"} {
			fi, err := os.Stat(p)
			if err != nil {
				t.Fatalf("%s: %v", filepath.Base(p), err)
			}
			if fi.Mode().Perm() != 0o600 {
				t.Errorf("%s is %04o, want 0600", filepath.Base(p), fi.Mode().Perm())
			}
		}
		if err := st.close(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestReadOnlyDBSentence: SQLite's refusal to write (here from a
// connection opened mode=ro, which refuses even root) becomes a sentence
// naming the file and what to do, and the file whose mode lacks u+w is
// the one named.
func TestReadOnlyDBSentence(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sandbox.db")
	st, err := openStore(context.Background(), path, -1, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.close(); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, werr := db.Exec("INSERT INTO meta (key, value) VALUES ('x', x'00')")
	if werr == nil {
		t.Fatal("a read-only connection wrote")
	}
	want := "cannot write the sandbox database " + path + ": it is read-only (chmod u+w it, or delete it to start afresh)"
	if got := dbWriteErr(path, werr); got.Error() != want {
		t.Fatalf("got %q\nwant %q", got, want)
	}
	if err := os.Chmod(path, 0o400); err != nil {
		t.Fatal(err)
	}
	if got := dbWriteErr(path, werr); got.Error() != want {
		t.Fatalf("with the file 0400: got %q\nwant %q", got, want)
	}
}

// TestReadOnlyDBAtStart: a read-only database file in a writable folder
// stops New with the sentence, before any request. Root writes read-only
// files, so the test needs another user.
func TestReadOnlyDBAtStart(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes read-only files; TestReadOnlyDBSentence covers the sentence")
	}
	path := filepath.Join(t.TempDir(), "sandbox.db")
	srv, err := New(context.Background(), Options{DB: path})
	if err != nil {
		t.Fatal(err)
	}
	srv.Close()
	if err := os.Chmod(path, 0o400); err != nil {
		t.Fatal(err)
	}
	_, err = New(context.Background(), Options{DB: path})
	want := "cannot write the sandbox database " + path + ": it is read-only (chmod u+w it, or delete it to start afresh)"
	if err == nil || err.Error() != want {
		t.Fatalf("New on a read-only database: %v\nwant %q", err, want)
	}
}

// TestReadOnlyDBWhileRunning: a write refused by SQLite at request time
// is answered as what it is, not as a generic failure.
func TestReadOnlyDBWhileRunning(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sandbox.db")
	st, err := openStore(context.Background(), path, -1, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.close(); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, werr := db.Exec("DELETE FROM meta")
	if got := internalMessage(fmt.Errorf("sandbox: DELETE: %w", werr)); !strings.Contains(got, "read-only") {
		t.Fatalf("a read-only write answers %q", got)
	}
	if got := internalMessage(errors.New("sandbox: something else")); strings.Contains(got, "read-only") {
		t.Fatalf("another failure answers %q", got)
	}
}
