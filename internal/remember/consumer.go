// Package remember keeps sessions between runs (--remember): a consumer's
// session, so that a resumed onboarding needs no password, and a
// partner's tokens (onboard agent), in the OS keyring or a 0600 file
// (internal/keystore); onboard logout reads them back to end them.
package remember

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/i18n"
	"github.com/onboard-cli/onboard/internal/keystore"
	"github.com/onboard-cli/onboard/line"
)

// consumerSessionsKey is the one entry that holds every consumer session
// --remember kept. A keyring cannot list its entries, and onboard logout
// must find them all to end them at their provider.
const consumerSessionsKey = "consumer sessions"

// Session is a consumer's session as --remember keeps it, with what
// onboard logout needs to reach the provider again.
type Session struct {
	Provider     string    `json:"provider"`
	APIURL       string    `json:"apiUrl,omitempty"` // "" for the embedded sandbox
	Partner      string    `json:"partner,omitempty"`
	ProfileID    string    `json:"profileId,omitempty"`
	ConsumerID   string    `json:"consumerId"`
	UserID       string    `json:"userId,omitempty"` // FinHub's sessions live under the user
	Token        string    `json:"token"`
	RefreshToken string    `json:"refreshToken,omitempty"`
	ExpiresAt    time.Time `json:"expiresAt,omitzero"`
}

// id names the session among the kept ones: one per consumer of a
// provider at an API.
func (k Session) ID() string {
	return k.Provider + " " + cmp.Or(k.APIURL, "embedded") + " " + k.Partner + " " + k.ProfileID + " " + k.ConsumerID
}

func (k Session) APISession() api.Session {
	return api.Session{Token: k.Token, RefreshToken: k.RefreshToken, ConsumerID: k.ConsumerID, UserID: k.UserID, ExpiresAt: k.ExpiresAt}
}

// usable reports whether the session can still open a run at now: its
// access token is good, or it has a refresh token to get another.
func (k Session) Usable(now time.Time) bool {
	return k.Token != "" && (k.RefreshToken != "" || k.ExpiresAt.IsZero() || now.Before(k.ExpiresAt))
}

// ReadSessions returns the sessions kept in store, by id.
func ReadSessions(store keystore.Store) (map[string]Session, error) {
	v, err := store.Get(consumerSessionsKey)
	if errors.Is(err, keystore.ErrNotFound) {
		return map[string]Session{}, nil
	}
	if err != nil {
		return nil, i18n.Errorf("reading the kept sessions in %s: %v", store.Where(), err)
	}
	m := map[string]Session{}
	if json.Unmarshal([]byte(v), &m) != nil {
		return map[string]Session{}, nil // unreadable: as good as none, and overwritten by the next keep
	}
	return m, nil
}

// Keeper keeps the wizard's consumer session between runs
// (--remember), so that a resumed onboarding needs no password.
// A nil keeper keeps nothing (no --remember).
type Keeper struct {
	store keystore.Store
	// base is the provider, API and partner the sessions are for.
	base Session
	// inFile: no OS keyring, so the session goes to a file; the long
	// warning is printed before anything is kept, the short one shown
	// on the wizard's first screen.
	inFile bool
	// tr is the person's language, for the line a failed keep prints
	// on stderr.
	tr     i18n.Printer
	stderr io.Writer

	// mu guards kept: the full-screen wizard keeps from its save command.
	mu sync.Mutex
	// kept is the session last kept (or found kept) in this run; tried
	// is the token keepNow last tried, kept or not, so that a keyring
	// that refuses is not asked again at every save.
	kept  api.Session
	tried string
}

// New is a keeper that keeps sessions for base (its provider, API and
// partner) in store; inFile says store is the file kept when there is no
// OS keyring. A keep that fails is said on stderr in tr's language.
func New(store keystore.Store, base Session, inFile bool, tr i18n.Printer, stderr io.Writer) *Keeper {
	return &Keeper{store: store, base: base, inFile: inFile, tr: tr, stderr: stderr}
}

// Warning says, in a line the wizard's banner holds, that the session goes
// to a file; "" with a keyring (or no keeper).
func (k *Keeper) Warning() *flow.Text {
	if k == nil || !k.inFile {
		return nil
	}
	return flow.Say("Your session goes to a file only you can read (no OS keyring); onboard logout deletes it: %s", k.store.Where())
}

// KeepFrom keeps the session of a run that ended at st, and says so on
// stderr when that fails: the onboarding itself is not affected.
func (k *Keeper) KeepFrom(st flow.State) {
	if err := k.keep(st.ConsumerID, st.Session); err != nil {
		fmt.Fprintln(k.stderr, k.tr.F("! %s; the next run will ask for your password.", line.Capitalize(err.Error())))
	}
}

// KeepNow keeps st's session as soon as it is a new one (a login, a
// refresh), so that a run killed afterwards (kill -9, a closed laptop)
// still resumes without the password. Trouble is left for KeepFrom, at
// the end of the run, to report.
func (k *Keeper) KeepNow(st flow.State) {
	if k == nil || st.Session.Token == "" {
		return
	}
	k.mu.Lock()
	same := k.kept.Token == st.Session.Token && k.kept.RefreshToken == st.Session.RefreshToken || k.tried == st.Session.Token
	k.tried = st.Session.Token
	k.mu.Unlock()
	if !same {
		_ = k.keep(st.ConsumerID, st.Session) // trouble is KeepFrom's to say, at the end
	}
}

// load returns the session kept for consumerID, if it is still usable.
func (k *Keeper) load(consumerID string, now time.Time) (api.Session, bool) {
	if k == nil || consumerID == "" {
		return api.Session{}, false
	}
	m, err := ReadSessions(k.store)
	if err != nil {
		return api.Session{}, false
	}
	want := k.base
	want.ConsumerID = consumerID
	got, ok := m[want.ID()]
	if !ok || !got.Usable(now) {
		return api.Session{}, false
	}
	return got.APISession(), true
}

// keep stores the session of consumerID; an empty session forgets the
// one kept (it was refused, or there is none any more).
func (k *Keeper) keep(consumerID string, s api.Session) error {
	if k == nil || consumerID == "" {
		return nil
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	m, err := ReadSessions(k.store)
	if err != nil {
		return err
	}
	entry := k.base
	entry.ConsumerID = consumerID
	if s.Token == "" {
		if _, ok := m[entry.ID()]; !ok {
			return nil
		}
		delete(m, entry.ID())
	} else {
		entry.Token, entry.RefreshToken, entry.UserID, entry.ExpiresAt = s.Token, s.RefreshToken, s.UserID, s.ExpiresAt
		if old, ok := m[entry.ID()]; ok && old == entry {
			k.kept = s
			return nil
		}
		m[entry.ID()] = entry
	}
	data, err := json.Marshal(m)
	if err != nil {
		return err
	}
	if err := k.store.Set(consumerSessionsKey, string(data)); err != nil {
		return i18n.Errorf("keeping your session in %s: %v", k.store.Where(), err)
	}
	k.kept = s
	return nil
}

// Resume gives st the session kept for its consumer and reads the account
// with it, so that the plan starts after the login. A session the
// provider refuses is forgotten; any other trouble leaves the login step
// to ask for the password. note says what happened, for the person.
func (k *Keeper) Resume(ctx context.Context, en flow.Engine, st flow.State) (flow.State, *flow.Text) {
	s, ok := k.load(st.ConsumerID, time.Now())
	if !ok {
		return st, nil
	}
	st.Session = s
	synced, err := en.Sync(ctx, st)
	if err != nil {
		if errors.Is(err, flow.ErrLoginNeeded) || errors.Is(err, api.ErrUnauthorized) {
			_ = k.keep(st.ConsumerID, api.Session{})
		}
		st.Session = api.Session{}
		return st, nil
	}
	return synced, flow.Say("Logged in with the session --remember kept.")
}
