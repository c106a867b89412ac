package main

import (
	"cmp"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"time"

	"github.com/onboard-cli/onboard/api/linkcy"
	"github.com/onboard-cli/onboard/internal/i18n"
	"github.com/onboard-cli/onboard/internal/keystore"
	"github.com/onboard-cli/onboard/internal/xdg"
)

// keyringTimeout bounds the OS keyring's answer: without one, D-Bus may
// hang rather than refuse.
const keyringTimeout = 3 * time.Second

// openKeystore is where --remember keeps tokens: the OS keyring, else a
// file only this user can read. warning, when not empty, says the latter
// (in tr's language) and must be shown before anything is kept there.
func openKeystore(e *env, tr i18n.Printer) (store keystore.Store, warning string, err error) {
	ks, kerr := keystore.Keyring(e.keyring, keyringTimeout)
	if kerr == nil {
		return ks, "", nil
	}
	f, err := secretsFile()
	if err != nil {
		return nil, "", err
	}
	return f, tr.F("! No OS keyring here (%s): the token is kept in %s, readable by you only (mode 0600). Anyone with your account or a copy of it can use the token until it expires; onboard logout deletes it.",
		strings.TrimPrefix(kerr.Error(), "no OS keyring: "), f.Path), nil
}

// secretsFile is the file store beside the progress files.
func secretsFile() (keystore.File, error) {
	dir, err := xdg.StateDir()
	if err != nil {
		return keystore.File{}, err
	}
	return keystore.File{Path: filepath.Join(dir, "secrets.json")}, nil
}

// partnerKey names a partner login's token: the API, the partner and the
// user (the embedded sandbox is one API whatever its port).
func partnerKey(s settings, t *target, user string) string {
	return "partner " + cmp.Or(s.APIURL.Value, "embedded") + " " + t.partner + " " + user
}

// keptTokens is how a partner's tokens are kept.
type keptTokens struct {
	Token        string    `json:"token"`
	RefreshToken string    `json:"refreshToken,omitempty"`
	ExpiresAt    time.Time `json:"expiresAt"`
}

// loadPartnerTokens returns the kept tokens under key when they are good
// for at least a minute more.
func loadPartnerTokens(store keystore.Store, key string, now time.Time) (linkcy.Tokens, bool) {
	v, err := store.Get(key)
	if err != nil {
		return linkcy.Tokens{}, false
	}
	var k keptTokens
	if json.Unmarshal([]byte(v), &k) != nil || k.Token == "" {
		return linkcy.Tokens{}, false
	}
	t := linkcy.Tokens{Token: k.Token, RefreshToken: k.RefreshToken, ExpiresAt: k.ExpiresAt}
	if t.ExpiresAt.IsZero() || t.ExpiresWithin(time.Minute, now) {
		return linkcy.Tokens{}, false
	}
	return t, true
}

// savePartnerTokens keeps t under key.
func savePartnerTokens(store keystore.Store, key string, t linkcy.Tokens) error {
	if t.Token == "" {
		return errors.New("no token to keep")
	}
	data, err := json.Marshal(keptTokens{Token: t.Token, RefreshToken: t.RefreshToken, ExpiresAt: t.ExpiresAt})
	if err != nil {
		return err
	}
	if err := store.Set(key, string(data)); err != nil {
		return i18n.Errorf("keeping the partner token in %s: %v", store.Where(), err)
	}
	return nil
}
