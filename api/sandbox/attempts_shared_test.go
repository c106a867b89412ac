package sandbox_test

import (
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/pgtest"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
)

// onBothBackends runs test with two sandbox servers on one database, as
// two `onboard sandbox --db …` processes of a team: a SQLite file, then a
// PostgreSQL schema (skipped without ONBOARD_TEST_PG). Both read one
// clock.
func onBothBackends(t *testing.T, test func(t *testing.T, a, b *sandboxtest.Env)) {
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "sandbox.db")
			if backend == "postgres" {
				db = pgtest.URL(t)
			}
			clock := sandboxtest.NewClock(time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC))
			a := sandboxtest.Start(t, sandbox.Options{DB: db, Now: clock.Now})
			b := sandboxtest.Start(t, sandbox.Options{DB: db, Now: clock.Now})
			a.Clock, b.Clock = clock, clock
			test(t, a, b)
		})
	}
}

// TestSharedPartnerLockout: wrong partner passwords tried on two servers
// of one database are one count: five split across them lock the login on
// both, and the lock ends on both after 15 minutes.
func TestSharedPartnerLockout(t *testing.T) {
	onBothBackends(t, func(t *testing.T, a, b *sandboxtest.Env) {
		login := func(env *sandboxtest.Env, pw string) (int, map[string]any, http.Header) {
			return call(t, env, "POST", api+"login", "", map[string]any{"username": sandbox.DefaultPartnerUser, "partnerName": sandbox.DefaultPartnerName, "password": pw})
		}
		for i := 1; i <= 4; i++ {
			if st, out, _ := login([]*sandboxtest.Env{a, b}[i%2], "guess-"+strings.Repeat("x", i)); st != 401 {
				t.Fatalf("wrong partner password %d: %d %v", i, st, out)
			}
		}
		st, out, h := login(b, "guess-5")
		if st != 429 || out["errorCode"] != "ACCOUNT_LOCKED" || h.Get("Retry-After") != "900" {
			t.Fatalf("fifth wrong partner password, on the second server: %d %v %q", st, out, h.Get("Retry-After"))
		}
		for _, env := range []*sandboxtest.Env{a, b} {
			if st, _, _ := login(env, sandbox.DefaultPartnerPassword); st != 429 {
				t.Fatalf("right partner password while locked: %d", st)
			}
		}
		a.Clock.Advance(15 * time.Minute)
		for _, env := range []*sandboxtest.Env{a, b} {
			if st, out, _ := login(env, sandbox.DefaultPartnerPassword); st != 200 {
				t.Fatalf("after the lockout: %d %v", st, out)
			}
		}
	})
}

// TestSharedPhonelessGuesses: phone-less secret guesses from one caller
// split across two servers of one database spend one budget: after five
// wrong ones, whichever server took them, both answer 429.
func TestSharedPhonelessGuesses(t *testing.T) {
	onBothBackends(t, func(t *testing.T, a, b *sandboxtest.Env) {
		secret := askSecret(t, a, "612345678")
		for i := 1; i <= 7; i++ {
			env := []*sandboxtest.Env{a, b}[i%2]
			st, out, h := call(t, env, "POST", api+"passwords/change", "", map[string]any{"passwordChangeSecret": wrongGuess(i, secret), "newPassword": "S3cure-pass!"})
			switch {
			case i <= 5 && (st != 400 || out["errorCode"] != "INVALID_SECRET"):
				t.Fatalf("wrong guess %d: %d %v, want 400 INVALID_SECRET", i, st, out)
			case i > 5 && (st != 429 || out["errorCode"] != "TOO_MANY_ATTEMPTS" || h.Get("Retry-After") == ""):
				t.Fatalf("wrong guess %d, on %s: %d %v, want 429 TOO_MANY_ATTEMPTS: the other server's guesses were not counted", i, env.HTTP.URL, st, out)
			}
		}
	})
}
