package flow_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api/sandbox/outbox"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/linkcy"
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
				m, _ := phone.Last(ctx, "+33612345678", outbox.HasSecret)
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
				m, _ := phone.Last(ctx, "ada@example.com", outbox.HasLink)
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
	m, _ := env.Phone().Last(ctx, "+33612345678", outbox.HasSecret)
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

// TestEngineWeavrAgainstTheSandbox walks Weavr's plan with the real client
// and the sandbox, every call checked against the vendor's spec. Five idle
// minutes end Weavr's session, which cannot be refreshed: the plan goes
// back to the login, and nothing else is lost.
func TestEngineWeavrAgainstTheSandbox(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	env.RequireWeavrContract()
	e := flow.Engine{P: env.WeavrProvider(), Now: env.Clock.Now, IPAddress: "192.0.2.7"}
	phone := env.Phone()
	ctx := context.Background()
	st := flow.State{Lang: "en", Phone: api.Phone{CallingCode: "33", National: "612345678"}, Email: "ada@example.com",
		FirstName: "Ada", LastName: "Lovelace", BirthDate: api.Date{Year: 1990, Month: 12, Day: 10}, Country: "FR"}
	var steps []flow.Step
	var err error
	lapsed := false
	for i := 0; i < 20; i++ {
		step := flow.WeavrPlan().Next(st, env.Clock.Now())
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
			st, err = e.SetPassword(ctx, st, "", "Correct-Horse-9!")
		case flow.StepLogin:
			st, err = e.Login(ctx, st, "Correct-Horse-9!")
		case flow.StepEmailCode, flow.StepPhoneCode:
			ch, to := api.ChannelEmail, "ada@example.com"
			if step == flow.StepPhoneCode {
				ch, to = api.ChannelSMS, "+33612345678"
			}
			st, err = e.SendCode(ctx, st, ch)
			if err == nil {
				m, _ := phone.Last(ctx, to, outbox.HasCode)
				st, err = e.VerifyCode(ctx, st, ch, m.Code)
			}
			if step == flow.StepEmailCode && !lapsed {
				lapsed = true
				env.Clock.Advance(sandbox.WeavrTokenIdle + time.Second)
				st, err = e.SendCode(ctx, st, api.ChannelSMS)
				if !errors.Is(err, flow.ErrLoginNeeded) || st.Session.Token != "" {
					t.Fatalf("a lapsed Weavr session: %v, token kept %v; want ErrLoginNeeded and no session", err, st.Session.Token != "")
				}
				err = nil
			}
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
		case flow.StepDone:
			want := []flow.Step{flow.StepTerms, flow.StepRegister, flow.StepCredentials, flow.StepEmailCode,
				flow.StepLogin, flow.StepPhoneCode, flow.StepKYC, flow.StepDone}
			if len(steps) != len(want) {
				t.Fatalf("steps %v, want %v", steps, want)
			}
			for i := range want {
				if steps[i] != want[i] {
					t.Fatalf("steps %v, want %v", steps, want)
				}
			}
			if !st.EmailVerified || !st.PhoneVerified || st.KYCStatus != api.KYCApproved || st.Snapshot.Statuses[0].Value != "APPROVED" {
				t.Fatalf("done with %+v", st)
			}
			return
		}
		if err != nil {
			t.Fatalf("step %s: %v", step, err)
		}
	}
	t.Fatalf("no end after %v", steps)
}

// TestEngineWeavrRejectedForGood: Weavr gives no new KYC after a
// rejection; StartKYC says so with ErrKYCRejected instead of a link-less
// state that a front end would ask again for, forever.
func TestEngineWeavrRejectedForGood(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	env.RequireWeavrContract()
	ctx := context.Background()
	c := env.Weavr()
	e := flow.Engine{P: env.WeavrProvider(), Now: env.Clock.Now}
	st := flow.State{Lang: "en", Phone: api.Phone{CallingCode: "33", National: "612345678"}, Email: "rejected@example.com",
		FirstName: "Ada", LastName: "Lovelace", BirthDate: api.Date{Year: 1990, Month: 1, Day: 2}, Country: "FR", AcceptedTerms: "1.0"}
	st, err := e.Register(ctx, st)
	if err == nil {
		st, err = e.SetPassword(ctx, st, "", "Correct-Horse-9!")
	}
	if err == nil {
		err = c.SendEmailCode(ctx, st.Email)
	}
	if err == nil {
		err = c.VerifyEmail(ctx, st.Email, sandbox.WeavrCode)
	}
	if err == nil {
		st, err = e.StartKYC(ctx, st)
	}
	if err == nil {
		err = env.Phone().Press(ctx, st.KYC.URL, "decline")
	}
	if err != nil {
		t.Fatal(err)
	}
	if st, err = e.PollKYC(ctx, st); err != nil || st.KYCStatus != api.KYCDeclined {
		t.Fatalf("after decline: %s, %v", st.KYCStatus, err)
	}
	_, err = e.StartKYC(ctx, st)
	if !errors.Is(err, flow.ErrKYCRejected) || !strings.Contains(flow.Explain(err, api.Needs{}), "contact the bank's support") {
		t.Fatalf("StartKYC after a rejection = %v, want ErrKYCRejected saying to contact support", err)
	}
}

// TestContinueAgentCreatedConsumer continues, from the partner's snapshot
// alone, a consumer a support agent created: no terms, no password. The
// terms accepted before there is a session are recorded at the login, so
// the person is asked once.
func TestContinueAgentCreatedConsumer(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	ctx := context.Background()
	p := env.LinkCyProvider()
	dir := linkcy.NewPartner(env.LinkCy(), sandbox.DefaultPartnerName, sandbox.DefaultPartnerUser, sandbox.DefaultPartnerPassword)
	id, err := dir.Register(ctx, api.Registration{Phone: api.Phone{CallingCode: "33", National: "612345678"}, ExternalID: "crm-7"})
	if err != nil {
		t.Fatalf("Register as partner: %v", err)
	}
	snap, err := dir.Find(ctx, api.Lookup{ConsumerID: id})
	if err != nil {
		t.Fatalf("Find: %v", err)
	}
	e := flow.Engine{P: p, Now: env.Clock.Now}
	plan := flow.LinkCyPlan()
	st := flow.State{Lang: "en", Phone: api.Phone{CallingCode: "33", National: "612345678"}}.Apply(snap)
	if got := plan.Next(st, env.Clock.Now()); got != flow.StepTerms {
		t.Fatalf("first step = %s, want terms", got)
	}
	if st, err = e.LoadTerms(ctx, st); err == nil {
		st, err = e.AcceptTerms(ctx, st, st.Terms.Version)
	}
	if err != nil {
		t.Fatalf("terms: %v", err)
	}
	if got := plan.Next(st, env.Clock.Now()); got != flow.StepCredentials {
		t.Fatalf("after the terms: %s, want credentials (the consumer exists)", got)
	}
	if st, err = e.SendSecret(ctx, st); err != nil {
		t.Fatalf("SendSecret: %v", err)
	}
	m, _ := env.Phone().Last(ctx, "+33612345678", outbox.HasSecret)
	if st, err = e.SetPassword(ctx, st, m.Secret, "S3cure-pass!"); err != nil {
		t.Fatalf("SetPassword: %v", err)
	}
	if got := plan.Next(st, env.Clock.Now()); got != flow.StepKYC {
		t.Fatalf("after the password: %s, want kyc (terms recorded with the session)", got)
	}
	after, err := dir.Find(ctx, api.Lookup{ConsumerID: id})
	if err != nil || !after.TermsAccepted {
		t.Fatalf("the provider's word after the login: terms accepted %v (err %v), want true", after.TermsAccepted, err)
	}
}
