package flow_test

import (
	"context"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/flow/flowtest"
)

// TestStartKYCCountsRestarts: the engine, not a front end, counts the
// checks started after one ended, and the count is what KYCGiveUp reads.
func TestStartKYCCountsRestarts(t *testing.T) {
	ctx := context.Background()
	f := flowtest.New()
	e := flow.Engine{P: f, Now: time.Now}
	st := flow.State{Session: api.Session{Token: "access-1", ExpiresAt: time.Now().Add(time.Hour)}}
	st, err := e.StartKYC(ctx, st)
	if err != nil || st.KYCRestarts != 0 {
		t.Fatalf("first check: restarts %d, %v", st.KYCRestarts, err)
	}
	for want := 1; want <= flow.KYCRestarts; want++ {
		st.KYCStatus = api.KYCDeclined
		if err := st.KYCGiveUp(); err != nil {
			t.Fatalf("before restart %d: %v", want, err)
		}
		if st, err = e.StartKYC(ctx, st); err != nil || st.KYCRestarts != want {
			t.Fatalf("restart %d: counted %d, %v", want, st.KYCRestarts, err)
		}
	}
	st.KYCStatus = api.KYCAborted
	if err := st.KYCGiveUp(); err == nil {
		t.Fatal("a third ended check must send the person to support")
	}
}

// TestLostSendIsTooSoon: a send whose answer was lost may have gone out,
// so the provider's "too soon" after it means the message is on its way
// — in the state the engine returns, for either front end to read.
func TestLostSendIsTooSoon(t *testing.T) {
	ctx := context.Background()
	slow := &api.Error{Provider: "fake", Status: 429, Kind: api.KindRateLimited, Err: api.ErrRateLimited, RetryAfter: 30 * time.Second}
	lost := &api.Error{Provider: "fake", Kind: api.KindUnavailable, Err: api.ErrUnavailable}
	f := flowtest.New().Registered(api.Phone{CallingCode: "33", National: "612345678"}, "")
	f.Lose(flowtest.MSendSecret, lost).Fail(flowtest.MSendSecret, nil, slow)
	e := flow.Engine{P: f, Now: time.Now}
	st, err := e.SendSecret(ctx, flow.State{})
	if !api.Ambiguous(err) || st.SendsUnanswered&flow.MessageSecret == 0 || !st.SecretSentAt.IsZero() {
		t.Fatalf("lost send: unanswered %b, sent at %v, err %v", st.SendsUnanswered, st.SecretSentAt, err)
	}
	st, err = e.SendSecret(ctx, st)
	if !st.SentTooSoon(flow.MessageSecret, err) {
		t.Fatalf("a too-soon after a lost send must be the message on its way: %v", err)
	}
	if (flow.State{}).SentTooSoon(flow.MessageSecret, err) {
		t.Fatal("the same too-soon with nothing sent is only a slow-down")
	}
}
