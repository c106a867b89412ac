package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
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

// keptSession is a consumer's session as --remember keeps it, with what
// onboard logout needs to reach the provider again.
type keptSession struct {
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
func (k keptSession) id() string {
	return k.Provider + " " + cmp.Or(k.APIURL, "embedded") + " " + k.Partner + " " + k.ProfileID + " " + k.ConsumerID
}

func (k keptSession) session() api.Session {
	return api.Session{Token: k.Token, RefreshToken: k.RefreshToken, ConsumerID: k.ConsumerID, UserID: k.UserID, ExpiresAt: k.ExpiresAt}
}

// usable reports whether the session can still open a run at now: its
// access token is good, or it has a refresh token to get another.
func (k keptSession) usable(now time.Time) bool {
	return k.Token != "" && (k.RefreshToken != "" || k.ExpiresAt.IsZero() || now.Before(k.ExpiresAt))
}

// readKeptSessions returns the sessions kept in store, by id.
func readKeptSessions(store keystore.Store) (map[string]keptSession, error) {
	v, err := store.Get(consumerSessionsKey)
	if errors.Is(err, keystore.ErrNotFound) {
		return map[string]keptSession{}, nil
	}
	if err != nil {
		return nil, i18n.Errorf("reading the kept sessions in %s: %v", store.Where(), err)
	}
	m := map[string]keptSession{}
	if json.Unmarshal([]byte(v), &m) != nil {
		return map[string]keptSession{}, nil // unreadable: as good as none, and overwritten by the next keep
	}
	return m, nil
}

// sessionKeeper keeps the wizard's consumer session between runs
// (--remember), so that a resumed onboarding needs no password.
// A nil keeper keeps nothing (no --remember).
type sessionKeeper struct {
	store keystore.Store
	// base is the provider, API and partner the sessions are for.
	base keptSession
	// inFile: no OS keyring, so the session goes to a file; the long
	// warning is printed before anything is kept, the short one shown
	// on the wizard's first screen.
	inFile bool
	// tr is the person's language, for the line a failed keep prints.
	tr i18n.Printer

	// mu guards kept: the full-screen wizard keeps from its save command.
	mu sync.Mutex
	// kept is the session last kept (or found kept) in this run; tried
	// is the token keepNow last tried, kept or not, so that a keyring
	// that refuses is not asked again at every save.
	kept  api.Session
	tried string
}

// rememberFor opens where --remember keeps sessions for target t, and
// prints the notice, if any, before anything is kept. Without --remember
// it returns nil.
func rememberFor(e *env, s settings, f wizardFlags, t *target) (*sessionKeeper, error) {
	if !f.remember {
		return nil, nil
	}
	tr := e.printer(s.Lang.Value) // only with --remember: its notices are the person's
	store, notice, err := openKeystore(e, tr)
	if err != nil {
		return nil, err
	}
	if notice != "" {
		fmt.Fprintln(e.stderr, notice)
	}
	base := keptSession{Provider: t.provider.Name(), Partner: t.partner, ProfileID: s.ProfileID.Value}
	if !t.embedded {
		base.APIURL = s.APIURL.Value
	}
	return &sessionKeeper{store: store, base: base, inFile: notice != "", tr: tr}, nil
}

// warning says, in a line the wizard's banner holds, that the session goes
// to a file; "" with a keyring (or no keeper).
func (k *sessionKeeper) warning() *flow.Text {
	if k == nil || !k.inFile {
		return nil
	}
	return flow.Say("Your session goes to a file only you can read (no OS keyring); onboard logout deletes it: %s", k.store.Where())
}

// keepFrom keeps the session of a run that ended at st, and says so on
// stderr when that fails: the onboarding itself is not affected.
func (k *sessionKeeper) keepFrom(e *env, st flow.State) {
	if err := k.keep(st.ConsumerID, st.Session); err != nil {
		fmt.Fprintln(e.stderr, k.tr.F("! %s; the next run will ask for your password.", line.Capitalize(err.Error())))
	}
}

// keepNow keeps st's session as soon as it is a new one (a login, a
// refresh), so that a run killed afterwards (kill -9, a closed laptop)
// still resumes without the password. Trouble is left for keepFrom, at
// the end of the run, to report.
func (k *sessionKeeper) keepNow(st flow.State) {
	if k == nil || st.Session.Token == "" {
		return
	}
	k.mu.Lock()
	same := k.kept.Token == st.Session.Token && k.kept.RefreshToken == st.Session.RefreshToken || k.tried == st.Session.Token
	k.tried = st.Session.Token
	k.mu.Unlock()
	if !same {
		_ = k.keep(st.ConsumerID, st.Session) // trouble is keepFrom's to say, at the end
	}
}

// load returns the session kept for consumerID, if it is still usable.
func (k *sessionKeeper) load(consumerID string, now time.Time) (api.Session, bool) {
	if k == nil || consumerID == "" {
		return api.Session{}, false
	}
	m, err := readKeptSessions(k.store)
	if err != nil {
		return api.Session{}, false
	}
	want := k.base
	want.ConsumerID = consumerID
	got, ok := m[want.id()]
	if !ok || !got.usable(now) {
		return api.Session{}, false
	}
	return got.session(), true
}

// keep stores the session of consumerID; an empty session forgets the
// one kept (it was refused, or there is none any more).
func (k *sessionKeeper) keep(consumerID string, s api.Session) error {
	if k == nil || consumerID == "" {
		return nil
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	m, err := readKeptSessions(k.store)
	if err != nil {
		return err
	}
	entry := k.base
	entry.ConsumerID = consumerID
	if s.Token == "" {
		if _, ok := m[entry.id()]; !ok {
			return nil
		}
		delete(m, entry.id())
	} else {
		entry.Token, entry.RefreshToken, entry.UserID, entry.ExpiresAt = s.Token, s.RefreshToken, s.UserID, s.ExpiresAt
		if old, ok := m[entry.id()]; ok && old == entry {
			k.kept = s
			return nil
		}
		m[entry.id()] = entry
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

// resume gives st the session kept for its consumer and reads the account
// with it, so that the plan starts after the login. A session the
// provider refuses is forgotten; any other trouble leaves the login step
// to ask for the password. note says what happened, for the person.
func (k *sessionKeeper) resume(ctx context.Context, en flow.Engine, st flow.State) (flow.State, *flow.Text) {
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

// lineKeeper is a sessionKeeper as line mode takes it (line.Keeper).
type lineKeeper struct {
	k *sessionKeeper
	e *env
}

// keeperFor is k for line mode; a nil k keeps nothing.
func keeperFor(e *env, k *sessionKeeper) line.Keeper { return lineKeeper{k: k, e: e} }

// Resume implements line.Keeper.
func (l lineKeeper) Resume(ctx context.Context, en flow.Engine, st flow.State) (flow.State, *flow.Text) {
	return l.k.resume(ctx, en, st)
}

// KeepNow implements line.Keeper.
func (l lineKeeper) KeepNow(st flow.State) { l.k.keepNow(st) }

// KeepFrom implements line.Keeper.
func (l lineKeeper) KeepFrom(st flow.State) { l.k.keepFrom(l.e, st) }
