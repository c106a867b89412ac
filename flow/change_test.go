package flow_test

import (
	"context"
	"errors"
	"net/url"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/outbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/flow/flowtest"
)

var (
	typo  = api.Phone{CallingCode: "33", National: "612349999"}
	right = api.Phone{CallingCode: "33", National: "612345678"}
)

// registeredOnly is a LinkCy-like run that registered typo and is on the
// SMS secret's screen.
func registeredOnly(t *testing.T, e flow.Engine) flow.State {
	t.Helper()
	ctx := context.Background()
	st := flow.State{Lang: "en", Phone: typo}
	st, err := e.LoadTerms(ctx, st)
	if err == nil {
		st, err = e.AcceptTerms(ctx, st, st.Terms.Version)
	}
	if err == nil {
		st, err = e.Register(ctx, st)
	}
	if err == nil {
		st, err = e.SendSecret(ctx, st)
	}
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestBackFromTheSecret: from the SMS secret's screen the back key leads to
// the registration, as a change; before registering, to the terms; and a
// KYC under way is never gone back over.
func TestBackFromTheSecret(t *testing.T) {
	f := flowtest.New()
	e := flow.Engine{P: f}
	plan := flow.LinkCyPlan()
	st := registeredOnly(t, e)
	if b := flow.BackFrom(plan, st, flow.StepCredentials, f); b.To != flow.StepRegister || !b.Change {
		t.Fatalf("back from the secret = %+v, want a change of the registration", b)
	}
	fresh := flow.State{TermsAccepted: true, AcceptedTerms: "1.0"}
	b := flow.BackFrom(plan, fresh, flow.StepRegister, f)
	if b.To != flow.StepTerms || b.Change {
		t.Fatalf("back from an unregistered phone = %+v, want the terms", b)
	}
	if next := plan.Next(flow.GoBack(fresh, b), time.Now()); next != flow.StepTerms {
		t.Errorf("after going back the plan is at %s, want terms", next)
	}
	if b := flow.BackFrom(plan, st, flow.StepTerms, f); b.OK() || b.Why == "" {
		t.Errorf("back from the first step = %+v, want none with a reason", b)
	}
	kyc := st
	kyc.KYCStatus, kyc.PasswordSet = api.KYCProcessing, true
	if b := flow.BackFrom(plan, kyc, flow.StepEmail, f); b.OK() || b.Why == "" {
		t.Errorf("back over a KYC under way = %+v, want none with a reason", b)
	}
	if b := flow.BackFrom(plan, st, flow.StepRegister, f); b.OK() {
		t.Errorf("back over terms sent with the registration = %+v, want none", b)
	}
}

// TestChangeBeforeAnyPassword: a number nothing proves yet is registered
// again; the SMS secret then goes to the new one.
func TestChangeBeforeAnyPassword(t *testing.T) {
	f := flowtest.New()
	e := flow.Engine{P: f}
	ctx := context.Background()
	st := registeredOnly(t, e)
	st, err := e.ChangeContact(ctx, st, api.Contact{Phone: right})
	if err != nil {
		t.Fatal(err)
	}
	if st.Phone != right || !st.Registered || !st.SecretSentAt.IsZero() {
		t.Fatalf("after the change: phone %v registered %v secret sent %v", st.Phone, st.Registered, st.SecretSentAt)
	}
	if next := flow.LinkCyPlan().Next(st, time.Now()); next != flow.StepCredentials {
		t.Fatalf("next step %s, want credentials (a secret to the new number)", next)
	}
	if f.Calls(flowtest.MRegister) != 2 || f.Calls(flowtest.MChange) != 0 {
		t.Errorf("register %d times, change %d times; want 2 and 0", f.Calls(flowtest.MRegister), f.Calls(flowtest.MChange))
	}
	same, err := e.ChangeContact(ctx, st, api.Contact{Phone: right})
	if err != nil || f.Calls(flowtest.MRegister) != 2 || same.Phone != right {
		t.Errorf("changing to the same number called the provider: %v", err)
	}
}

// TestChangeWithSCA: with a session the change is the provider's update,
// which waits for strong customer authentication; replays with the
// interaction's id wait while it is not approved, then the change is made
// and the new number is proven with the phone code before anything else.
func TestChangeWithSCA(t *testing.T) {
	f := flowtest.New()
	f.SCA = 2
	e := flow.Engine{P: f}
	ctx := context.Background()
	st := registeredOnly(t, e)
	st, err := e.SetPassword(ctx, st, "123456", "S3cure-pass!")
	if err != nil {
		t.Fatal(err)
	}
	st, err = e.ChangeContact(ctx, st, api.Contact{Phone: right})
	if !errors.Is(err, api.ErrSCAPending) || st.SCA.ID == "" || st.SCA.JoinCode == "" {
		t.Fatalf("first change: %v, challenge %+v; want a pending SCA", err, st.SCA)
	}
	for i := range 2 {
		st, err = e.ChangeContact(ctx, st, api.Contact{Phone: right})
		if r, ok := api.SCAFailure(err); !ok || r != flow.SCAStillWaiting || st.SCA.ID == "" {
			t.Fatalf("replay %d: %v (%v), want still waiting with the id kept", i, err, r)
		}
	}
	st, err = e.ChangeContact(ctx, st, api.Contact{Phone: right})
	if err != nil {
		t.Fatal(err)
	}
	if st.Phone != right || st.PhoneVerified || st.SCA.ID != "" {
		t.Fatalf("after approval: phone %v verified %v sca %+v", st.Phone, st.PhoneVerified, st.SCA)
	}
	if next := flow.LinkCyPlan().Next(st, time.Now()); next != flow.StepPhoneCode {
		t.Fatalf("next step %s, want the phone code for the new number", next)
	}
	if st, err = e.SendCode(ctx, st, api.ChannelSMS); err == nil {
		st, err = e.VerifyCode(ctx, st, api.ChannelSMS, "123456")
	}
	if err != nil {
		t.Fatal(err)
	}
	if next := flow.LinkCyPlan().Next(st, time.Now()); next == flow.StepPhoneCode {
		t.Errorf("the phone code is still next after proving the number")
	}
}

// TestChangeRefused: a spent interaction is forgotten (the next try starts
// a new one), a provider without an update call says so, and a change
// after a password without a session asks for a login.
func TestChangeRefused(t *testing.T) {
	f := flowtest.New()
	e := flow.Engine{P: f}
	ctx := context.Background()
	st := registeredOnly(t, e)
	st, err := e.SetPassword(ctx, st, "123456", "S3cure-pass!")
	if err != nil {
		t.Fatal(err)
	}
	st, _ = e.ChangeContact(ctx, st, api.Contact{Email: "ada@example.com"})
	st.SCA.ID = "00000000-0000-4000-8000-000000000000"
	st, err = e.ChangeContact(ctx, st, api.Contact{Email: "ada@example.com"})
	if r, ok := api.SCAFailure(err); !ok || r != api.SCANotFound || st.SCA.ID != "" {
		t.Errorf("unknown interaction: %v, sca %+v; want it forgotten", err, st.SCA)
	}
	if msg := flow.Explain(err, f.Needs()); msg == "" || msg == err.Error() {
		t.Errorf("no sentence of ours for %v: %q", err, msg)
	}
	out := st
	out.Session = api.Session{}
	if _, err := e.ChangeContact(ctx, out, api.Contact{Phone: right}); !errors.Is(err, flow.ErrLoginNeeded) {
		t.Errorf("no session after a password: %v, want ErrLoginNeeded", err)
	}
	plain := flow.Engine{P: struct{ flow.Provider }{f}}
	if _, err := plain.ChangeContact(ctx, st, api.Contact{Phone: right}); !errors.Is(err, flow.ErrCannotChange) {
		t.Errorf("a provider without an update call: %v", err)
	}
	if b := flow.BackFrom(flow.LinkCyPlan(), st, flow.StepKYC, struct{ flow.Provider }{f}); b.OK() || b.Why == "" {
		t.Errorf("back without an update call = %+v, want none with a reason", b)
	}
}

// TestChangeAgainstTheSandbox: the real LinkCy client and the sandbox with
// --sca push: a logged-in change waits for the push, is approved on the
// sandbox's page, and the new number is proven with the phone code.
func TestChangeAgainstTheSandbox(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{SCA: sandbox.SCAPush})
	e := flow.Engine{P: env.LinkCyProvider(), Now: env.Clock.Now}
	ctx := context.Background()
	st := flow.State{Lang: "en", Phone: typo}
	st, err := e.LoadTerms(ctx, st)
	if err == nil {
		st, err = e.AcceptTerms(ctx, st, st.Terms.Version)
	}
	if err == nil {
		st, err = e.Register(ctx, st)
	}
	if err == nil {
		st, err = e.SendSecret(ctx, st)
	}
	if err != nil {
		t.Fatal(err)
	}
	sms, err := env.Phone().Last(ctx, typo.E164(), outbox.HasSecret)
	if err != nil {
		t.Fatal(err)
	}
	if st, err = e.SetPassword(ctx, st, sms.Secret, "S3cure-pass!"); err != nil {
		t.Fatal(err)
	}
	st, err = e.ChangeContact(ctx, st, api.Contact{Phone: right})
	if !errors.Is(err, api.ErrSCAPending) || st.SCA.ID == "" {
		t.Fatalf("change: %v, want a wait for the push", err)
	}
	push, err := env.Phone().Last(ctx, typo.E164(), outbox.HasLink)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := env.Client().PostForm(push.Link, url.Values{"action": {"approve"}})
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if st, err = e.ChangeContact(ctx, st, api.Contact{Phone: right}); err != nil {
		t.Fatal(err)
	}
	if next := flow.LinkCyPlan().Next(st, env.Clock.Now()); next != flow.StepPhoneCode {
		t.Fatalf("next %s, want the phone code", next)
	}
	if st, err = e.SendCode(ctx, st, api.ChannelSMS); err == nil {
		st, err = e.VerifyCode(ctx, st, api.ChannelSMS, sandbox.SandboxPhoneCode)
	}
	if err != nil || !st.PhoneVerified || st.Snapshot.Phone != right.E164() {
		t.Fatalf("after the code: verified %v phone %s, %v", st.PhoneVerified, st.Snapshot.Phone, err)
	}
}
