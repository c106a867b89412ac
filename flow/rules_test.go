package flow

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api"
)

// TestRetry: connection trouble and "slow down" are tried again, with the
// provider's wait when longer, ActionTries times in all; anything else is
// the person's to act on.
func TestRetry(t *testing.T) {
	down := &api.Error{Kind: api.KindUnavailable}
	slow := &api.Error{Kind: api.KindRateLimited, RetryAfter: 30 * time.Second}
	wrong := &api.Error{Kind: api.KindInvalidCode}
	cases := []struct {
		err   error
		tries int
		want  time.Duration
		again bool
	}{
		{down, 0, time.Second, true},
		{fmt.Errorf("sending the code: %w", down), 2, 4 * time.Second, true},
		{down, ActionTries - 2, 8 * time.Second, true},
		{down, ActionTries - 1, 0, false},
		{slow, 0, 30 * time.Second, true},
		{wrong, 0, 0, false},
		{errors.New("disk full"), 0, 0, false},
	}
	for _, c := range cases {
		got, again := Retry(c.err, c.tries)
		if got != c.want || again != c.again {
			t.Errorf("Retry(%v, %d) = %s, %v; want %s, %v", c.err, c.tries, got, again, c.want, c.again)
		}
	}
	if n := RetryNotice(slow); !strings.Contains(n, "slow down") || !strings.Contains(RetryNotice(down), "Connection trouble") {
		t.Errorf("notices: %q, %q", n, RetryNotice(down))
	}
}

// TestTooSoon: a refusal to send is "type the one on its way" only when a
// message is, or may be, on its way.
func TestTooSoon(t *testing.T) {
	slow := &api.Error{Kind: api.KindRateLimited}
	if !TooSoon(slow, true) || TooSoon(slow, false) || TooSoon(&api.Error{Kind: api.KindUnavailable}, true) {
		t.Error("TooSoon must hold only for a slow-down with a message behind it")
	}
}

// TestKYCGiveUp: two new checks after one ended, then support.
func TestKYCGiveUp(t *testing.T) {
	for r := range KYCRestarts {
		if err := (State{KYCRestarts: r, KYCStatus: api.KYCDeclined}).KYCGiveUp(); err != nil {
			t.Fatalf("restart %d refused: %v", r, err)
		}
	}
	if err := (State{KYCRestarts: KYCRestarts + 3, KYCStatus: api.KYCProcessing}).KYCGiveUp(); err != nil {
		t.Errorf("a check still under way is never given up on: %v", err)
	}
	err := State{KYCRestarts: KYCRestarts, KYCStatus: api.KYCDeclined}.KYCGiveUp()
	if err == nil || !strings.Contains(err.Error(), "declined 3 times") || !strings.Contains(err.Error(), "support") {
		t.Fatalf("after %d restarts: %v", KYCRestarts, err)
	}
}

// TestSentTooSoon: a "too soon" means the message is on its way only when
// the state knows one went out or may have; each message on its own.
func TestSentTooSoon(t *testing.T) {
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	slow := &api.Error{Status: 429, Kind: api.KindRateLimited, Err: api.ErrRateLimited}
	for _, tc := range []struct {
		name string
		st   State
		m    Message
		err  error
		want bool
	}{
		{"nothing sent", State{}, MessageSecret, slow, false},
		{"secret sent", State{SecretSentAt: now}, MessageSecret, slow, true},
		{"another message sent", State{SecretSentAt: now}, MessageEmail, slow, false},
		{"answer lost", State{SendsUnanswered: MessageSMSCode}, MessageSMSCode, slow, true},
		{"another answer lost", State{SendsUnanswered: MessageSMSCode}, MessageEmail, slow, false},
		{"not a slow-down", State{EmailSentAt: now}, MessageEmail, api.ErrUnavailable, false},
		{"a step that sends nothing", State{SendsUnanswered: MessageEmail}, MessageOf(StepKYC), slow, false},
	} {
		if got := tc.st.SentTooSoon(tc.m, tc.err); got != tc.want {
			t.Errorf("%s: SentTooSoon = %v, want %v", tc.name, got, tc.want)
		}
	}
	if MessageOf(StepEmail) != MessageEmail || MessageOf(StepEmailCode) != CodeMessage(api.ChannelEmail) ||
		MessageOf(StepPhoneCode) != CodeMessage(api.ChannelSMS) || MessageOf(StepCredentials) != MessageSecret {
		t.Error("MessageOf and CodeMessage disagree on what a step sends")
	}
}

// TestResendIn: the cooldown counts from the last send, and nothing sent
// means no wait.
func TestResendIn(t *testing.T) {
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	st := State{PhoneCodeSentAt: now.Add(-10 * time.Second)}
	if got := ResendIn(st.CodeSentAt(api.ChannelSMS), now, 30*time.Second); got != 20*time.Second {
		t.Errorf("SMS sent 10 s ago: %s to wait, want 20s", got)
	}
	if got := ResendIn(st.CodeSentAt(api.ChannelEmail), now, 30*time.Second); got != 0 {
		t.Errorf("no email sent: %s to wait, want 0", got)
	}
	if got := ResendIn(now.Add(-time.Minute), now, 30*time.Second); got != 0 {
		t.Errorf("sent a minute ago: %s to wait, want 0", got)
	}
}

// TestNewSummary: onboarded means every step of the plan is done and the
// provider says the account is active.
func TestNewSummary(t *testing.T) {
	st := State{ConsumerID: "c1", TermsAccepted: true, AcceptedTerms: "1.0", Snapshot: api.Snapshot{Account: api.AccountActive}}
	if s := NewSummary("linkcy", true, LinkCyPlan(), st); s.Onboarded || s.ConsumerID != "c1" || s.Provider != "linkcy" {
		t.Errorf("a consumer with the terms alone: %+v", s)
	}
	if s := NewSummary("linkcy", true, Plan{StepTerms}, st); !s.Onboarded || s.Account != "ACTIVE" {
		t.Errorf("every step of a one-step plan done, account active: %+v", s)
	}
	for _, acc := range []api.Account{api.AccountUnknown, api.AccountPending, api.AccountSuspended} {
		st.Snapshot.Account = acc
		if s := NewSummary("linkcy", true, Plan{StepTerms}, st); s.Onboarded {
			t.Errorf("every step done, account %q: onboarded", acc)
		}
	}
}

// TestSCAWaitOver: the wait for the bank's approval ends after SCAGiveUp,
// or the policy's deadline when shorter, and not a moment before.
func TestSCAWaitOver(t *testing.T) {
	since := time.Date(2026, 11, 21, 9, 30, 0, 0, time.UTC)
	long, short := Policy{Deadline: 30 * time.Minute}, Policy{Deadline: time.Minute}
	cases := []struct {
		after time.Duration
		p     Policy
		over  bool
	}{
		{SCAGiveUp, long, false}, {SCAGiveUp + time.Second, long, true},
		{time.Minute, short, false}, {time.Minute + time.Second, short, true},
		{SCAGiveUp + time.Second, Policy{}, true}, {time.Minute, Policy{}, false},
	}
	for _, c := range cases {
		if got := SCAWaitOver(since, since.Add(c.after), c.p); got != c.over {
			t.Errorf("after %s under a deadline of %s: over %v, want %v", c.after, c.p.Deadline, got, c.over)
		}
	}
}
