package line

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/linkcy"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/flow/flowtest"
)

// script answers the questions in order, then fails the test.
type script struct {
	t       *testing.T
	answers []string
}

func (s *script) Ask(_, q string, _ bool, validate func(string) error) (string, error) {
	if len(s.answers) == 0 {
		s.t.Fatalf("no answer left for %q", q)
	}
	a := s.answers[0]
	s.answers = s.answers[1:]
	if err := validate(a); err != nil {
		s.t.Fatalf("%q refused %q: %v", q, a, err)
	}
	return a, nil
}

func (s *script) Confirm(string, string) (bool, error) { return true, nil }

func changeRunner(t *testing.T, f *flowtest.Fake, st flow.State, answers ...string) (*runner, *bytes.Buffer) {
	desc, _ := linkcy.Describe().Plan("")
	plan := flow.Plan(desc.Steps)
	var stderr bytes.Buffer
	return &runner{o: Options{Err: &stderr, Plan: plan}, engine: flow.Engine{P: f}, plan: plan, keeper: noKeeper{},
		ask: &script{t: t, answers: answers}, password: "S3cure-pass!", st: st,
		policy: flow.Policy{Initial: time.Millisecond, Factor: 1, Max: time.Millisecond, Deadline: time.Minute}}, &stderr
}

// TestChangeAtTheSecret: "c" at the SMS code changes a mistyped number
// (the consumer nothing proves yet is registered again), and the next
// try of the step texts the new one.
func TestChangeAtTheSecret(t *testing.T) {
	typo := api.Phone{CallingCode: "33", National: "612349999"}
	f := flowtest.New().Registered(typo, "")
	r, out := changeRunner(t, f, flow.State{Phone: typo, ConsumerID: "cons_fake", Registered: true, TermsAccepted: true, AcceptedTerms: "1.0"},
		"c", "06 12 34 56 78", "", "123456")
	ctx := context.Background()
	if err := r.step(ctx, flow.StepCredentials); err != nil {
		t.Fatal(err)
	}
	if r.st.Phone.National != "612345678" || !r.st.Registered {
		t.Fatalf("phone %v registered %v\n%s", r.st.Phone, r.st.Registered, out)
	}
	if err := r.step(ctx, flow.StepCredentials); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"SMS sent to +33 6 12 34 99 99", "Your number now: +33 6 12 34 99 99", "✓ Changed: +33 6 12 34 56 78", "SMS sent to +33 6 12 34 56 78", "Password set"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("line mode did not say %q:\n%s", want, out)
		}
	}
}

// TestChangeWaitsForTheBank: logged in, "c" at the phone code changes the
// number after the bank's approval (a join code), replayed until approved.
func TestChangeWaitsForTheBank(t *testing.T) {
	typo := api.Phone{CallingCode: "33", National: "612349999"}
	f := flowtest.New().Registered(typo, "S3cure-pass!")
	f.SCA = 2
	s, err := f.Login(context.Background(), api.Who{Phone: typo}, "S3cure-pass!")
	if err != nil {
		t.Fatal(err)
	}
	r, out := changeRunner(t, f, flow.State{Phone: typo, ConsumerID: "cons_fake", Registered: true, PasswordSet: true, Session: s},
		"c", "+33 6 12 34 56 78", "grace@example.com")
	if err := r.step(context.Background(), flow.StepPhoneCode); err != nil {
		t.Fatal(err)
	}
	if r.st.Phone.National != "612345678" || r.st.Email != "grace@example.com" || !r.st.PhoneChanged {
		t.Fatalf("after the change: %+v\n%s", r.st, out)
	}
	if n := strings.Count(out.String(), "join code 482913"); n != 1 {
		t.Errorf("the join code was said %d times:\n%s", n, out)
	}
	if next := r.plan.Next(r.st, time.Now()); next != flow.StepPhoneCode {
		t.Errorf("next step %s, want the code for the new number", next)
	}
}

// TestEmailStepWaitsForTheBank: at LinkCy's email step, an address in
// place of the one the provider has (here from --email) is a change the
// bank approves on the phone: line mode says so once, replays it until it
// is approved, and sends the link to the new address, instead of ending
// with a sentence.
func TestEmailStepWaitsForTheBank(t *testing.T) {
	ctx := context.Background()
	f := flowtest.New().Registered(api.Phone{CallingCode: "33", National: "612345678"}, "S3cure-pass!").WithKYC(api.KYCApproved)
	s, err := f.Login(ctx, api.Who{Phone: api.Phone{CallingCode: "33", National: "612345678"}}, "S3cure-pass!")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetEmail(ctx, s, "ada@example.com"); err != nil {
		t.Fatal(err)
	}
	f.SCA = 2
	st := flow.State{Phone: api.Phone{CallingCode: "33", National: "612345678"}, ConsumerID: "cons_fake", Registered: true, PasswordSet: true,
		Session: s, KYCStatus: api.KYCApproved, Email: "grace@example.com"}
	st.Snapshot.Email = "ada@example.com"
	r, out := changeRunner(t, f, st)
	if err := r.step(ctx, flow.StepEmail); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if r.st.Email != "grace@example.com" || !r.st.EmailVerified {
		t.Fatalf("after the step: email %q, verified %v\n%s", r.st.Email, r.st.EmailVerified, out)
	}
	for _, want := range []string{"join code 482913", "Verification link sent to grace@example.com", "Email verified"} {
		if n := strings.Count(out.String(), want); n != 1 {
			t.Errorf("line mode said %q %d times, want once:\n%s", want, n, out)
		}
	}
	if n := f.Calls(flowtest.MChange); n != 4 {
		t.Errorf("%d changes, want the change and 3 replays", n)
	}
}
