package line

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/flow/flowtest"
	"github.com/onboard-cli/onboard/internal/exit"
)

// TestSummaryAccount: a run whose steps are all done says "onboarded"
// (exit 0) only when the provider says the account is active; otherwise
// it says what is pending or wrong, with its exit code, in text and JSON.
func TestSummaryAccount(t *testing.T) {
	phone := api.Phone{CallingCode: "33", National: "612345678"}
	tests := []struct {
		account api.Account
		code    int
		say     string
	}{
		{api.AccountActive, exit.OK, "verified customer"},
		{api.AccountPending, exit.Waiting, "not made the account active yet"},
		{api.AccountSuspended, exit.Failed, "contact the bank's support"},
		{api.AccountUnknown, exit.Failed, "did not say that the account is active"},
	}
	for _, tt := range tests {
		for _, asJSON := range []bool{false, true} {
			f := flowtest.New()
			f.Account = tt.account
			if tt.account == api.AccountUnknown {
				f.Account = "ZMWYU" // what no adapter gives: not active either
			}
			f.Registered(phone, "S3cure-pass!")
			var stdout, stderr bytes.Buffer
			plan := flow.Plan{flow.StepLogin}
			en := flow.Engine{P: f}
			st, err := en.Login(context.Background(), flow.State{Phone: phone, ConsumerID: "cons_fake", Registered: true}, "S3cure-pass!")
			if err != nil {
				t.Fatal(err)
			}
			r := &runner{o: Options{Out: &stdout, Err: &stderr, In: Inputs{JSON: asJSON}, Plan: plan},
				engine: en, plan: plan, keeper: noKeeper{}, st: st}
			err = r.summary(context.Background())
			code := exit.OK
			var ee *exit.Error
			if errors.As(err, &ee) {
				code = ee.Code
			} else if err != nil {
				t.Fatalf("%s: %v", tt.account, err)
			}
			said := stdout.String() + stderr.String()
			if err != nil {
				said += err.Error()
			}
			if code != tt.code || !strings.Contains(said, tt.say) && !(asJSON && code == exit.OK) {
				t.Errorf("account %q, json %v: exit %d, said %q; want exit %d and %q", tt.account, asJSON, code, said, tt.code, tt.say)
			}
			if asJSON {
				var s flow.Summary
				if err := json.Unmarshal(stdout.Bytes(), &s); err != nil || s.Onboarded != (tt.account == api.AccountActive) {
					t.Errorf("account %q: JSON %q (%v)", tt.account, stdout.String(), err)
				}
			}
		}
	}
}

// TestTermsSaidOnce: however often the provider's flag flips back, the
// run says once that the terms were accepted.
func TestTermsSaidOnce(t *testing.T) {
	f := flowtest.New()
	var stderr bytes.Buffer
	r := &runner{o: Options{Err: &stderr, In: Inputs{AcceptTerms: "current", NoInput: true}}, engine: flow.Engine{P: f}, keeper: noKeeper{}}
	for range 3 {
		if err := r.terms(context.Background()); err != nil {
			t.Fatal(err)
		}
		r.st.TermsAccepted = false // the provider's acceptedTerms flipped
	}
	if n := strings.Count(stderr.String(), "accepted"); n != 1 {
		t.Errorf("said %d times:\n%s", n, stderr.String())
	}
}
