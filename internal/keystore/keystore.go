// Package keystore keeps a secret between runs, only when the person asks
// for it (--remember): in the OS keyring, or where there is none, in a
// file only they can read, after onboard has said so.
package keystore

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/zalando/go-keyring"
)

// Service is the keyring service the secrets are kept under.
const Service = "onboard"

// ErrNotFound means no secret is kept under the key.
var ErrNotFound = errors.New("nothing kept under this key")

// Store keeps secrets by key.
type Store interface {
	Get(key string) (string, error)
	Set(key, value string) error
	Delete(key string) error
	// Clear forgets everything onboard kept here.
	Clear() error
	// Where says where the secrets go, for a person: "the OS keyring" or
	// the file's path.
	Where() string
}

// Backend is an OS keyring's calls (go-keyring's, or a fake).
type Backend interface {
	Get(service, user string) (string, error)
	Set(service, user, password string) error
	Delete(service, user string) error
	DeleteAll(service string) error
}

// OS is the system's keyring through go-keyring: the Secret Service over
// D-Bus on Linux, the Keychain on macOS, the Credential Manager on Windows.
type OS struct{}

// Get implements Backend.
func (OS) Get(service, user string) (string, error) { return keyring.Get(service, user) }

// Set implements Backend.
func (OS) Set(service, user, password string) error { return keyring.Set(service, user, password) }

// Delete implements Backend.
func (OS) Delete(service, user string) error { return keyring.Delete(service, user) }

// DeleteAll implements Backend.
func (OS) DeleteAll(service string) error { return keyring.DeleteAll(service) }

// Keyring returns b as a Store when it answers within timeout: a machine
// without a keyring (a server, a container) either refuses at once or
// hangs on D-Bus, and onboard must not hang with it.
func Keyring(b Backend, timeout time.Duration) (Store, error) {
	if b == nil {
		return nil, errors.New("no OS keyring")
	}
	done := make(chan error, 1)
	go func() {
		_, err := b.Get(Service, "probe")
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil && !errors.Is(err, keyring.ErrNotFound) {
			return nil, fmt.Errorf("no OS keyring: %w", err)
		}
	case <-time.After(timeout):
		return nil, fmt.Errorf("no OS keyring: it did not answer within %s", timeout)
	}
	return &keyringStore{b: b, timeout: timeout}, nil
}

type keyringStore struct {
	b       Backend
	timeout time.Duration
}

func (k *keyringStore) Where() string { return "the OS keyring" }

func (k *keyringStore) Get(key string) (string, error) {
	var v string
	err := k.bounded(func() error {
		var err error
		v, err = k.b.Get(Service, key)
		return err
	})
	return v, err
}

func (k *keyringStore) Set(key, value string) error {
	return k.bounded(func() error { return k.b.Set(Service, key, value) })
}

func (k *keyringStore) Delete(key string) error {
	return k.bounded(func() error { return k.b.Delete(Service, key) })
}

func (k *keyringStore) Clear() error {
	err := k.bounded(func() error { return k.b.DeleteAll(Service) })
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}

// bounded runs call with the probe's timeout.
func (k *keyringStore) bounded(call func() error) error {
	done := make(chan error, 1)
	go func() { done <- call() }()
	select {
	case err := <-done:
		if errors.Is(err, keyring.ErrNotFound) {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("the OS keyring: %w", err)
		}
		return nil
	case <-time.After(k.timeout):
		return fmt.Errorf("the OS keyring did not answer within %s", k.timeout)
	}
}

// File is a Store in one JSON file, readable by its owner only (0600),
// replaced whole on every change so a crash leaves the old or the new.
type File struct{ Path string }

// Where implements Store.
func (f File) Where() string { return f.Path }

// Get implements Store.
func (f File) Get(key string) (string, error) {
	m, err := f.read()
	if err != nil {
		return "", err
	}
	v, ok := m[key]
	if !ok {
		return "", ErrNotFound
	}
	return v, nil
}

// Set implements Store.
func (f File) Set(key, value string) error {
	m, err := f.read()
	if err != nil {
		m = map[string]string{} // an unreadable file is replaced
	}
	m[key] = value
	return f.write(m)
}

// Delete implements Store. The file goes when it holds nothing more.
func (f File) Delete(key string) error {
	m, err := f.read()
	if err != nil {
		return err
	}
	if _, ok := m[key]; !ok {
		return ErrNotFound
	}
	delete(m, key)
	if len(m) == 0 {
		if err := os.Remove(f.Path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("removing %s: %w", f.Path, err)
		}
		return nil
	}
	return f.write(m)
}

// Clear implements Store: the file goes.
func (f File) Clear() error {
	if err := os.Remove(f.Path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("removing %s: %w", f.Path, err)
	}
	return nil
}

func (f File) read() (map[string]string, error) {
	data, err := os.ReadFile(f.Path)
	if errors.Is(err, os.ErrNotExist) {
		return map[string]string{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", f.Path, err)
	}
	m := map[string]string{}
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s is not onboard's: %w", f.Path, err)
	}
	return m, nil
}

func (f File) write(m map[string]string) error {
	data, err := json.Marshal(m)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(f.Path), 0o700); err != nil {
		return fmt.Errorf("creating %s: %w", filepath.Dir(f.Path), err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(f.Path), ".secrets-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", f.Path, err)
	}
	defer os.Remove(tmp.Name()) // after the rename, nothing is there
	err = tmp.Chmod(0o600)
	if err == nil {
		_, err = tmp.Write(data)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), f.Path)
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", f.Path, err)
	}
	return nil
}
