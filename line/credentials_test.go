package line

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/linkcy"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/flow/flowtest"
)

// typist answers every question with the same text.
type typist string

func (a typist) Ask(string, string, bool, func(string) error) (string, error) { return string(a), nil }
func (a typist) Confirm(string, string) (bool, error)                         { return true, nil }

// TestCredentialsAfterALostChange replays the chaos run's 199/200 through
// line mode's credentials step, tried again as the run loop does: the SMS
// goes out, the password change is carried out but its answer lost (the
// secret is spent), the login that would tell so fails; on the next try
// the provider says a code went out moments ago, so the one sent is used.
// The step must learn that the password was set (the run's state keeps
// that a try went unanswered) rather than spend the spent secret again and
// stop on "no code is waiting".
func TestCredentialsAfterALostChange(t *testing.T) {
	phone := api.Phone{CallingCode: "33", National: "612345678"}
	tooSoon := &api.Error{Provider: "fake", Status: 429, Kind: api.KindRateLimited, Err: api.ErrRateLimited, RetryAfter: 30 * time.Second,
		Message: "A code was sent moments ago"}
	f := flowtest.New()
	f.SpendsSecret = true
	f.Registered(phone, "").Fail(flowtest.MSendSecret, nil, tooSoon).
		Lose(flowtest.MSetPassword, &api.Error{Provider: "fake", Kind: api.KindUnavailable, Message: "connection reset"}).
		Fail(flowtest.MLogin, &api.Error{Provider: "fake", Status: 503, Kind: api.KindUnavailable, Message: "unavailable"})
	desc, _ := linkcy.Describe().Plan("")
	plan := flow.Plan(desc.Steps)
	var stderr bytes.Buffer
	r := &runner{o: Options{Err: &stderr, In: Inputs{NoInput: true, SandboxAuto: true}, Plan: plan},
		engine: flow.Engine{P: f}, plan: plan, keeper: noKeeper{},
		ask: typist("123456"), password: "S3cure-pass!",
		st: flow.State{Phone: phone, ConsumerID: "cons_fake", Registered: true, TermsAccepted: true}}
	ctx := context.Background()
	for try := 1; ; try++ {
		err := r.step(ctx, flow.StepCredentials)
		if err == nil {
			break
		}
		if _, again := flow.Retryable(err); !again || try >= flow.ActionTries {
			t.Fatalf("try %d ended the run: %v\n%s", try, err, stderr.String())
		}
	}
	if !r.st.PasswordSet || r.st.Session.Token == "" {
		t.Fatalf("password set %t, logged in %t\n%s", r.st.PasswordSet, r.st.Session.Token != "", stderr.String())
	}
	f.Verify(t)
}
