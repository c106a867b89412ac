package flow_test

import (
	"context"
	"errors"
	"testing"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/flow/flowtest"
)

// TestSpentSecretIsNotSpentAgain: the chaos run's 199/200. The password
// change is carried out and its answer lost (the secret is spent), and the
// login that would tell so fails on connection trouble, twice. Each try
// after that must not send the spent secret again (the provider answers
// "no code is waiting", which reads as a wrong code and ends the run):
// it is connection trouble, tried again, until the login tells that the
// password was set.
func TestSpentSecretIsNotSpentAgain(t *testing.T) {
	lost := &api.Error{Provider: "fake", Kind: api.KindUnavailable, Message: "connection reset"}
	down := &api.Error{Provider: "fake", Status: 503, Kind: api.KindUnavailable, Message: "unavailable"}
	phone := api.Phone{CallingCode: "33", National: "612345678"}
	f := flowtest.New()
	f.SpendsSecret = true
	f.Registered(phone, "").Lose(flowtest.MSetPassword, lost).Fail(flowtest.MLogin, down, down)
	e := flow.Engine{P: f}
	ctx := context.Background()
	st, err := e.SendSecret(ctx, flow.State{Phone: phone, ConsumerID: "cons_fake", Registered: true, TermsAccepted: true})
	if err != nil {
		t.Fatal(err)
	}
	for try := 1; ; try++ { // as the front ends try a step again
		st, err = e.SetPassword(ctx, st, "123456", "S3cure-pass!")
		if err == nil {
			break
		}
		if _, again := flow.Retryable(err); !again || try >= flow.ActionTries {
			t.Fatalf("try %d ended the step: %v (invalid code: %t)", try, err, errors.Is(err, api.ErrInvalidCode))
		}
	}
	if !st.PasswordSet || st.PasswordUnanswered || st.Session.Token == "" {
		t.Errorf("after the tries: password set %t, unanswered %t, session %t", st.PasswordSet, st.PasswordUnanswered, st.Session.Token != "")
	}
	if n := f.Calls(flowtest.MSetPassword); n != 1 {
		t.Errorf("the secret was sent %d times, want once", n)
	}
	f.Verify(t)
}
