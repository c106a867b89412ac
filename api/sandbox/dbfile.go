package sandbox

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// The sandbox database holds live SMS secrets and password hashes, so it is
// private to its owner (0600), as everything in onboard's state folder is;
// SQLite gives its -wal and -shm files the database file's mode.

// dbFileError is a database file the sandbox cannot use, said as what is
// wrong and what to do; Unwrap gives the cause.
type dbFileError struct {
	msg string
	err error
}

func (e *dbFileError) Error() string { return e.msg }

// Unwrap returns the cause.
func (e *dbFileError) Unwrap() error { return e.err }

// prepareDBFile creates the database file at path, private, before SQLite
// opens it (so no umask can widen it), and finds at once a file that
// cannot be written.
func prepareDBFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return openFileErr(path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("sandbox: creating %s: %w", path, err)
	}
	return nil
}

// openFileErr explains why path could not be opened for writing.
func openFileErr(path string, err error) error {
	_, statErr := os.Stat(path)
	switch {
	case errors.Is(err, syscall.EROFS):
		return &dbFileError{msg: fmt.Sprintf("cannot write the sandbox database %s: it is on a read-only file system (use a database file elsewhere)", path), err: err}
	case errors.Is(err, fs.ErrPermission) && statErr == nil:
		return readOnlyErr(path, err)
	case errors.Is(err, fs.ErrPermission):
		return &dbFileError{msg: fmt.Sprintf("cannot create the sandbox database %s: its folder %s is not writable (chmod u+w it, or use a database file elsewhere)", path, filepath.Dir(path)), err: err}
	}
	return fmt.Errorf("sandbox: opening %s: %w", path, err)
}

// readOnlyErr says which of the database's files is read-only.
func readOnlyErr(path string, err error) error {
	name := path
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if fi, serr := os.Stat(p); serr == nil && fi.Mode().Perm()&0o200 == 0 {
			name = p
			break
		}
	}
	return &dbFileError{msg: fmt.Sprintf("cannot write the sandbox database %s: it is read-only (chmod u+w it, or delete it to start afresh)", name), err: err}
}

// dbWriteErr turns SQLite's refusal to write the database at path into
// readOnlyErr's sentence; other errors pass unchanged.
func dbWriteErr(path string, err error) error {
	if isReadOnly(err) {
		return readOnlyErr(path, err)
	}
	return err
}

// isReadOnly reports whether SQLite refused a write to a read-only
// database.
func isReadOnly(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_READONLY
}

// probeWrite writes to the database and takes it back, so that a database
// SQLite opened read-only is found at start, not at the first request.
// It runs on the writer before the writer goroutine starts.
func (s *store) probeWrite(ctx context.Context) error {
	tx, err := s.writer.c.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sandbox: testing the database for writing: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // the probe is always taken back
	if _, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO meta (key, value) VALUES ('write_probe', x'00')"); err != nil {
		return fmt.Errorf("sandbox: testing the database for writing: %w", err)
	}
	return nil
}

// makePrivate takes group and other permissions off the database's files
// (a database from an older onboard may have been created 0644).
func makePrivate(path string) error {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(p)
		if err != nil || fi.Mode().Perm()&0o077 == 0 {
			continue // absent, or already private
		}
		if err := os.Chmod(p, fi.Mode().Perm()&^0o077); err != nil {
			return fmt.Errorf("sandbox: making %s private: %w", p, err)
		}
	}
	return nil
}

// internalMessage is the sentence a 500 answers with: what is wrong when
// the sandbox knows (its database became read-only while it ran), never a
// connection problem.
func internalMessage(err error) string {
	if isReadOnly(err) {
		return "The sandbox cannot write its database: the file is read-only. Make it writable (chmod u+w) and restart the sandbox."
	}
	return "Something went wrong in the sandbox."
}
