package flow_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
	"github.com/onboard-cli/onboard/flow"
)

// TestEngineAgainstTheSandbox walks LinkCy's plan with the real client and
// the sandbox, the step order coming from Plan.Next, and checks that a
// lapsed access token is refreshed on the way.
func TestEngineAgainstTheSandbox(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	e := flow.Engine{P: env.LinkCyProvider(), Now: env.Clock.Now}
	phone := env.Phone()
	ctx := context.Background()
	st := flow.State{Lang: "en", Phone: api.Phone{CallingCode: "33", National: "612345678"}, Email: "ada@example.com"}
	var steps []flow.Step
	var err error
	for i := 0; i < 20; i++ {
		step := flow.LinkCyPlan().Next(st, env.Clock.Now())
		steps = append(steps, step)
		switch step {
		case flow.StepTerms:
			st, err = e.LoadTerms(ctx, st)
			if err == nil {
				st, err = e.AcceptTerms(ctx, st, st.Terms.Version)
			}
		case flow.StepRegister:
			st, err = e.Register(ctx, st)
		case flow.StepCredentials:
			st, err = e.SendSecret(ctx, st)
			if err == nil {
				m, _ := phone.Last(ctx, "+33612345678", sandbox.HasSecret)
				st, err = e.SetPassword(ctx, st, m.Secret, "S3cure-pass!")
			}
			env.Clock.Advance(15 * time.Minute) // the access token lapses: the next call must refresh
		case flow.StepKYC:
			if st.KYC.URL == "" {
				st, err = e.StartKYC(ctx, st)
				if err == nil {
					err = phone.Press(ctx, st.KYC.URL, "approve")
				}
			}
			if err == nil {
				st, err = e.PollKYC(ctx, st)
			}
		case flow.StepEmail:
			st, err = e.SendEmail(ctx, st)
			if err == nil {
				m, _ := phone.Last(ctx, "ada@example.com", sandbox.HasLink)
				err = phone.Open(ctx, m.Link)
			}
			if err == nil {
				st, err = e.Sync(ctx, st)
			}
		case flow.StepDone:
			want := []flow.Step{flow.StepTerms, flow.StepRegister, flow.StepCredentials, flow.StepKYC, flow.StepEmail, flow.StepDone}
			if len(steps) != len(want) {
				t.Fatalf("steps = %v, want %v", steps, want)
			}
			if st.Snapshot.Statuses[0].Value != "ACTIVE" {
				t.Fatalf("final snapshot = %+v", st.Snapshot)
			}
			return
		default:
			t.Fatalf("unexpected step %s", step)
		}
		if err != nil {
			t.Fatalf("step %s: %v", step, err)
		}
	}
	t.Fatalf("no end: %v", steps)
}

func TestEnginePhoneTakenAndLoginNeeded(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	e := flow.Engine{P: env.LinkCyProvider(), Now: env.Clock.Now}
	ctx := context.Background()
	st := flow.State{Phone: api.Phone{CallingCode: "33", National: "612345678"}}
	st, err := e.Register(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	again, err := e.Register(ctx, flow.State{Phone: st.Phone})
	if !errors.Is(err, api.ErrPhoneTaken) || !again.Registered {
		t.Fatalf("second register: %v, registered %v", err, again.Registered)
	}
	// A session whose refresh token no longer works asks to log in again.
	dead := st
	dead.Session = api.Session{Token: "expired", RefreshToken: "spent", ConsumerID: st.ConsumerID, ExpiresAt: env.Clock.Now().Add(-time.Minute)}
	got, err := e.Sync(ctx, dead)
	if !errors.Is(err, flow.ErrLoginNeeded) || got.Session.Token != "" || got.ConsumerID != st.ConsumerID {
		t.Fatalf("Sync with a dead session: %v, state %+v", err, got)
	}
}

// TestStartKYCWhileUnderReview: a provider that refuses a new link because a
// check is being reviewed gives a state that keeps polling, not an error.
func TestStartKYCWhileUnderReview(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	e := flow.Engine{P: env.LinkCyProvider(), Now: env.Clock.Now}
	ctx := context.Background()
	st, err := e.Register(ctx, flow.State{Phone: api.Phone{CallingCode: "33", National: "612345678"}})
	if err == nil {
		st, err = e.SendSecret(ctx, st)
	}
	if err != nil {
		t.Fatal(err)
	}
	m, _ := env.Phone().Last(ctx, "+33612345678", sandbox.HasSecret)
	if st, err = e.SetPassword(ctx, st, m.Secret, "S3cure-pass!"); err != nil {
		t.Fatal(err)
	}
	if st, err = e.StartKYC(ctx, st); err != nil {
		t.Fatal(err)
	}
	if err := env.Phone().Press(ctx, st.KYC.URL, "review"); err != nil {
		t.Fatal(err)
	}
	again, err := e.StartKYC(ctx, st)
	if err != nil || again.KYC.URL != "" || again.KYCStatus != api.KYCPendingReview {
		t.Fatalf("StartKYC under review: %v, link %+v, status %s", err, again.KYC, again.KYCStatus)
	}
	if again.Done(flow.StepKYC, env.Clock.Now()) {
		t.Fatal("under review, the KYC step counts as done")
	}
}
