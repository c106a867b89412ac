package flow_test

import (
	"context"
	"errors"
	"testing"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/flow/flowtest"
)

// TestSpentSecretIsTroubleNotAWrongCode: the chaos run's 199/200. The
// password change is carried out and its answer lost (the secret is
// spent), and the login that would tell so fails on connection trouble,
// twice. The spent secret, sent again, gets "no code is waiting", which
// reads as a wrong code and ended the run: it is the check's connection
// trouble, tried again, until the login tells that the password was set.
func TestSpentSecretIsTroubleNotAWrongCode(t *testing.T) {
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
	f.Verify(t)
}

// TestUnarrivedChangeIsSentAgain: the lost password change never arrived
// (the secret is still live) and the login that checks fails on
// connection trouble: the next try sends the secret again and is done,
// rather than wait for a check that cannot tell.
func TestUnarrivedChangeIsSentAgain(t *testing.T) {
	reset := &api.Error{Provider: "fake", Kind: api.KindUnavailable, Message: "connection reset"}
	down := &api.Error{Provider: "fake", Status: 503, Kind: api.KindUnavailable, Message: "unavailable"}
	phone := api.Phone{CallingCode: "33", National: "612345678"}
	f := flowtest.New()
	f.SpendsSecret = true
	f.Registered(phone, "").Fail(flowtest.MSetPassword, reset).Fail(flowtest.MLogin, down, down)
	e := flow.Engine{P: f}
	ctx := context.Background()
	st, err := e.SendSecret(ctx, flow.State{Phone: phone, ConsumerID: "cons_fake", Registered: true, TermsAccepted: true})
	if err != nil {
		t.Fatal(err)
	}
	if st, err = e.SetPassword(ctx, st, "123456", "S3cure-pass!"); err == nil || !st.PasswordUnanswered {
		t.Fatalf("the first try: %v, unanswered %t; want connection trouble, unanswered", err, st.PasswordUnanswered)
	}
	if st, err = e.SetPassword(ctx, st, "123456", "S3cure-pass!"); err != nil || !st.PasswordSet || st.Session.Token == "" {
		t.Fatalf("the second try: %v, password set %t", err, st.PasswordSet)
	}
	f.Verify(t)
}

// TestUnknownStaysUnknown: while the check cannot tell whether a lost
// change set the password, a change refused outright (too soon) leaves
// it unknown, so that the next try checks again before it trusts a
// secret the lost change may have spent.
func TestUnknownStaysUnknown(t *testing.T) {
	down := &api.Error{Provider: "fake", Status: 503, Kind: api.KindUnavailable, Message: "unavailable"}
	slow := &api.Error{Provider: "fake", Status: 429, Kind: api.KindRateLimited, Err: api.ErrRateLimited, Message: "slow down"}
	f := flowtest.New().Fail(flowtest.MLogin, down).Fail(flowtest.MSetPassword, slow)
	st := flow.State{Phone: api.Phone{CallingCode: "33", National: "612345678"}, PasswordUnanswered: true}
	st, err := flow.Engine{P: f}.SetPassword(context.Background(), st, "123456", "S3cure-pass!")
	if !errors.Is(err, api.ErrRateLimited) || !st.PasswordUnanswered {
		t.Fatalf("got %v, unanswered %t; want the refusal, still unanswered", err, st.PasswordUnanswered)
	}
	f.Verify(t)
}
