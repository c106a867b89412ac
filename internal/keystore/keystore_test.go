package keystore

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zalando/go-keyring"
)

// fakeKeyring is an in-memory Backend; fail makes every call fail, hang
// makes every call block until the test ends.
type fakeKeyring struct {
	mu   sync.Mutex
	m    map[string]string
	fail error
	hang chan struct{}
}

func (f *fakeKeyring) wait() error {
	if f.hang != nil {
		<-f.hang
	}
	return f.fail
}

func (f *fakeKeyring) Get(service, user string) (string, error) {
	if err := f.wait(); err != nil {
		return "", err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	v, ok := f.m[service+"/"+user]
	if !ok {
		return "", keyring.ErrNotFound
	}
	return v, nil
}

func (f *fakeKeyring) Set(service, user, password string) error {
	if err := f.wait(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.m[service+"/"+user] = password
	return nil
}

func (f *fakeKeyring) Delete(service, user string) error {
	if err := f.wait(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.m[service+"/"+user]; !ok {
		return keyring.ErrNotFound
	}
	delete(f.m, service+"/"+user)
	return nil
}

func (f *fakeKeyring) DeleteAll(service string) error {
	if err := f.wait(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for k := range f.m {
		if strings.HasPrefix(k, service+"/") {
			delete(f.m, k)
		}
	}
	return nil
}

func roundTrip(t *testing.T, s Store) {
	t.Helper()
	if _, err := s.Get("a"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get before Set: %v, want ErrNotFound", err)
	}
	if err := s.Set("a", "one"); err != nil {
		t.Fatal(err)
	}
	if err := s.Set("b", "two"); err != nil {
		t.Fatal(err)
	}
	if v, err := s.Get("a"); err != nil || v != "one" {
		t.Fatalf("Get(a) = %q, %v", v, err)
	}
	if err := s.Delete("a"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get("a"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get after Delete: %v", err)
	}
	if err := s.Delete("a"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Delete twice: %v", err)
	}
	if v, _ := s.Get("b"); v != "two" {
		t.Fatalf("Get(b) = %q", v)
	}
	if err := s.Set("c", "three"); err != nil {
		t.Fatal(err)
	}
	if err := s.Clear(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get("c"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get after Clear: %v", err)
	}
	if err := s.Clear(); err != nil {
		t.Fatalf("Clear twice: %v", err)
	}
	if err := s.Set("b", "two"); err != nil {
		t.Fatal(err)
	}
}

func TestKeyring(t *testing.T) {
	s, err := Keyring(&fakeKeyring{m: map[string]string{}}, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if s.Where() != "the OS keyring" {
		t.Errorf("Where = %q", s.Where())
	}
	roundTrip(t, s)
}

func TestNoKeyring(t *testing.T) {
	if _, err := Keyring(&fakeKeyring{m: map[string]string{}, fail: errors.New("no D-Bus session")}, time.Second); err == nil ||
		!strings.Contains(err.Error(), "no D-Bus session") {
		t.Errorf("a failing keyring: %v", err)
	}
	hang := make(chan struct{})
	defer close(hang)
	if _, err := Keyring(&fakeKeyring{m: map[string]string{}, hang: hang}, 50*time.Millisecond); err == nil ||
		!strings.Contains(err.Error(), "did not answer") {
		t.Errorf("a keyring that hangs: %v", err)
	}
}

func TestFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "onboard", "secrets.json")
	f := File{Path: path}
	roundTrip(t, f)
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", info.Mode().Perm())
	}
	if err := f.Delete("b"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("an empty store left its file: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 0 {
		t.Errorf("temporary files left: %v", entries)
	}

	// A file that is not a store is said, and replaced by the next Set.
	if err := os.WriteFile(path, []byte("not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Get("a"); err == nil || errors.Is(err, ErrNotFound) {
		t.Errorf("Get from a corrupt file: %v", err)
	}
	if err := f.Set("a", "one"); err != nil {
		t.Fatal(err)
	}
	if v, err := f.Get("a"); err != nil || v != "one" {
		t.Errorf("after replacing a corrupt file: %q, %v", v, err)
	}
}
