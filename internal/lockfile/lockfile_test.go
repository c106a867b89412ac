package lockfile

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// TestOneHolder: while a lock is held, a second Acquire (its own open
// file, as another process would have) is refused with the holder's pid;
// once released, the lock can be taken again.
func TestOneHolder(t *testing.T) {
	if !supported {
		t.Skip("no file locking on " + runtime.GOOS)
	}
	path := filepath.Join(t.TempDir(), "state", Name)
	first, err := Acquire(path)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil || strings.TrimSpace(string(data)) != strconv.Itoa(os.Getpid()) {
		t.Fatalf("lock file holds %q (%v), want this pid %d", data, err, os.Getpid())
	}
	_, err = Acquire(path)
	var held *HeldError
	if !errors.As(err, &held) || held.PID != os.Getpid() || held.Path != path {
		t.Fatalf("second Acquire: %v, want a HeldError naming pid %d", err, os.Getpid())
	}
	if err := first.Release(); err != nil {
		t.Fatal(err)
	}
	again, err := Acquire(path)
	if err != nil {
		t.Fatalf("Acquire after Release: %v", err)
	}
	if err := again.Release(); err != nil {
		t.Fatal(err)
	}
	if err := again.Release(); err != nil {
		t.Fatalf("a second Release: %v", err)
	}
}

// TestUnreadableFolder: a lock that cannot be created says where.
func TestUnreadableFolder(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Acquire(filepath.Join(file, Name))
	if err == nil || !strings.Contains(err.Error(), file) {
		t.Fatalf("Acquire under a file: %v, want an error naming the path", err)
	}
}
