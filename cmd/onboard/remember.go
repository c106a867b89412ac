package main

import (
	"cmp"
	"fmt"
	"strings"
	"time"

	"github.com/onboard-cli/onboard/internal/i18n"
	"github.com/onboard-cli/onboard/internal/keystore"
	"github.com/onboard-cli/onboard/internal/remember"
	"github.com/onboard-cli/onboard/internal/wrap"
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
	f, err := remember.SecretsFile()
	if err != nil {
		return nil, "", err
	}
	return f, tr.F("! No OS keyring here (%s): once you are logged in, the token will be kept in %s, readable by you only (mode 0600). Anyone with your account or a copy of it can use it until it expires; onboard logout deletes it.",
		strings.TrimPrefix(kerr.Error(), "no OS keyring: "), f.Path), nil
}

// partnerKey names a partner login's token: the API, the partner and the
// user (the embedded sandbox is one API whatever its port).
func partnerKey(s settings, t *target, user string) string {
	return "partner " + cmp.Or(s.APIURL.Value, "embedded") + " " + t.partner + " " + user
}

// rememberFor opens where --remember keeps sessions for target t, and
// prints the notice, if any, before anything is kept. Without --remember
// it returns nil.
func rememberFor(e *env, s settings, f wizardFlags, t *target) (*remember.Keeper, error) {
	if !f.remember {
		return nil, nil
	}
	tr := e.printer(s.Lang.Value) // only with --remember: its notices are the person's
	store, notice, err := openKeystore(e, tr)
	if err != nil {
		return nil, err
	}
	if notice != "" { // wrapped at spaces to the terminal, if it is one: the path stays whole
		w, _ := wrap.TerminalSize(e.stderr)
		fmt.Fprintln(e.stderr, wrap.Words(notice, w))
	}
	base := remember.Session{Provider: t.provider.Name(), Partner: t.partner, ProfileID: s.ProfileID.Value}
	if !t.embedded {
		base.APIURL = s.APIURL.Value
	}
	return remember.New(store, base, notice != "", tr, e.stderr), nil
}
