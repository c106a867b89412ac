package flow_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api/sandbox/outbox"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/linkcy"
	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
	"github.com/onboard-cli/onboard/flow"
)

// TestLostAnswers: a call carried out whose answer is lost is never done
// twice, and the engine learns the outcome without asking the person for
// anything again: a lost create is the onboarding's own consumer, a lost
// password change logs in, a lost code check reads the account.
func TestLostAnswers(t *testing.T) {
	const p = "/linkcy/api/partner/"
	for _, tc := range []struct {
		name, faults string
		// walk takes the state just before the faulty call, makes it,
		// and returns the state after it with its error.
		walk func(ctx context.Context, e flow.Engine, st flow.State, secret string) (flow.State, error)
		ok   func(st flow.State) bool
	}{
		{
			// Every create is lost: the first run gives up, saying it is
			// unclear; the next one hears "already registered" and knows
			// it is its own.
			name: "create", faults: "POST " + p + "consumers: lost=100%,times=4",
			walk: func(ctx context.Context, e flow.Engine, st flow.State, _ string) (flow.State, error) {
				st.Registered = false
				st, err := e.Register(ctx, st)
				if !api.Ambiguous(err) || !st.CreateUnanswered {
					return st, errors.New("the first register did not say it was unclear")
				}
				return e.Register(ctx, st)
			},
			ok: func(st flow.State) bool { return st.Registered && !st.CreateUnanswered },
		},
		{
			name: "password", faults: "POST " + p + "passwords/change: lost=100%,times=1",
			walk: func(ctx context.Context, e flow.Engine, st flow.State, secret string) (flow.State, error) {
				return e.SetPassword(ctx, st, secret, "S3cure-pass!")
			},
			ok: func(st flow.State) bool { return st.PasswordSet && st.Session.Token != "" },
		},
		{
			// The change and the login that checks it are both lost: the
			// next try logs in first, rather than spend a spent secret.
			name: "password and its check", faults: "POST " + p + "passwords/change: lost=100%,times=1; POST " + p + "login: reset=100%,times=1",
			walk: func(ctx context.Context, e flow.Engine, st flow.State, secret string) (flow.State, error) {
				st, err := e.SetPassword(ctx, st, secret, "S3cure-pass!")
				if !st.PasswordUnanswered || err == nil {
					return st, errors.New("the first try did not say it was unclear")
				}
				return e.SetPassword(ctx, st, secret, "S3cure-pass!")
			},
			ok: func(st flow.State) bool { return st.PasswordSet && !st.PasswordUnanswered && st.Session.Token != "" },
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := sandboxtest.Start(t, sandbox.Options{})
			c, err := linkcy.New(api.Config{BaseURL: env.URL("linkcy"), HTTPClient: env.Client(), Version: "test", Sandbox: true,
				Sleep: func(context.Context, time.Duration) error { return nil }})
			if err != nil {
				t.Fatal(err)
			}
			e := flow.Engine{P: linkcy.NewProvider(c, sandbox.DefaultPartnerName), Now: env.Clock.Now}
			ctx := context.Background()
			st := flow.State{Phone: api.Phone{CallingCode: "33", National: "612345678"}}
			secret := ""
			if tc.name != "create" {
				if st, err = e.Register(ctx, st); err == nil {
					st, err = e.SendSecret(ctx, st)
				}
				if err != nil {
					t.Fatal(err)
				}
				m, _ := env.Phone().Last(ctx, "+33612345678", outbox.HasSecret)
				secret = m.Secret
			}
			f, err := sandbox.ParseFaults(tc.faults)
			if err != nil {
				t.Fatal(err)
			}
			env.Server.SetFaults(f)
			st, err = tc.walk(ctx, e, st, secret)
			if err != nil || !tc.ok(st) {
				t.Fatalf("after the lost answer: %v; state %+v", err, st)
			}
			if env.Server.FaultCounts()["lost"] == 0 {
				t.Fatal("no answer was lost")
			}
		})
	}
}
