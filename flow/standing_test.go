package flow

import (
	"strings"
	"testing"

	"github.com/onboard-cli/onboard/api"
)

func TestStandingOf(t *testing.T) {
	registered := api.Snapshot{ConsumerID: "c1", Phone: "+33612345678", KYC: api.KYCNotStarted}
	with := func(f func(*api.Snapshot)) api.Snapshot {
		s := registered
		f(&s)
		return s
	}
	tests := []struct {
		name string
		plan Plan
		snap api.Snapshot
		next Step
		done string // one character per step: + done, - not
	}{
		{"linkcy: terms changed since", LinkCyPlan(), registered, StepTerms, "-+----"},
		{"linkcy: no password yet", LinkCyPlan(), with(func(s *api.Snapshot) { s.TermsAccepted = true }), StepCredentials, "++----"},
		{"linkcy: password set, KYC not started", LinkCyPlan(), with(func(s *api.Snapshot) { s.TermsAccepted, s.PasswordSet = true, true }), StepKYC, "++++--"},
		{"linkcy: KYC under review is not done", LinkCyPlan(), with(func(s *api.Snapshot) {
			s.TermsAccepted, s.PasswordSet, s.KYC = true, true, api.KYCPendingReview
		}), StepKYC, "++++--"},
		{"linkcy: email left", LinkCyPlan(), with(func(s *api.Snapshot) {
			s.TermsAccepted, s.PasswordSet, s.KYC, s.Email = true, true, api.KYCApproved, "ada@example.com"
		}), StepEmail, "+++++-"},
		{"linkcy: onboarded", LinkCyPlan(), with(func(s *api.Snapshot) {
			s.TermsAccepted, s.PasswordSet, s.KYC, s.EmailVerified, s.Account = true, true, api.KYCApproved, true, api.AccountActive
		}), StepDone, "++++++"},
		{"linkcy: every step done, account suspended", LinkCyPlan(), with(func(s *api.Snapshot) {
			s.TermsAccepted, s.PasswordSet, s.KYC, s.EmailVerified, s.Account = true, true, api.KYCApproved, true, api.AccountSuspended
		}), StepDone, "++++++"},
		{"linkcy: every step done, account unknown", LinkCyPlan(), with(func(s *api.Snapshot) {
			s.TermsAccepted, s.PasswordSet, s.KYC, s.EmailVerified = true, true, api.KYCApproved, true
		}), StepDone, "++++++"},
		{"weavr: mobile code left", WeavrPlan(), with(func(s *api.Snapshot) {
			s.TermsAccepted, s.PasswordSet, s.EmailVerified = true, true, true
		}), StepPhoneCode, "+++++--"},
		{"weavr: KYC left", WeavrPlan(), with(func(s *api.Snapshot) {
			s.TermsAccepted, s.PasswordSet, s.EmailVerified, s.PhoneValidated = true, true, true, true
		}), StepKYC, "++++++-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := StandingOf(tt.plan, tt.snap)
			if got.Next != tt.next {
				t.Errorf("Next = %v, want %v", got.Next, tt.next)
			}
			if len(got.Steps) != len(tt.plan) {
				t.Fatalf("%d steps, want %d", len(got.Steps), len(tt.plan))
			}
			for i, s := range got.Steps {
				if want := tt.done[i] == '+'; s.Step != tt.plan[i] || s.Done != want {
					t.Errorf("step %d = %+v, want %v done=%v", i, s, tt.plan[i], want)
				}
			}
			if got.Onboarded() != (tt.next == StepDone && tt.snap.Account == api.AccountActive) {
				t.Errorf("Onboarded() = %v", got.Onboarded())
			}
		})
	}
}

func TestNextAction(t *testing.T) {
	snap := api.Snapshot{Phone: "+33612345678", Email: "ada@example.com"}
	tests := []struct {
		step  Step
		kyc   api.KYCStatus
		needs api.Needs
		want  string
	}{
		{StepTerms, "", api.Needs{}, "Accept the current terms"},
		{StepCredentials, "", api.Needs{SMSSecret: true}, "secret sent by SMS to +33612345678"},
		{StepCredentials, "", api.Needs{}, "Set a password."},
		{StepEmailCode, "", api.Needs{}, "ada@example.com with the 6-digit code"},
		{StepPhoneCode, "", api.Needs{}, "+33612345678 with the 6-digit code sent by SMS"},
		{StepKYC, api.KYCNotStarted, api.Needs{}, "open the KYC link"},
		{StepKYC, api.KYCPendingReview, api.Needs{}, "Wait: the identity check is with the provider (PENDING_REVIEW)"},
		{StepKYC, api.KYCDeclined, api.Needs{}, "declined"},
		{StepEmail, "", api.Needs{}, "verification link sent to ada@example.com"},
		{StepDone, "", api.Needs{}, "did not say that the account is active"},
	}
	for _, tt := range tests {
		s := snap
		s.KYC = tt.kyc
		if got := NextAction(tt.step, s, tt.needs); !strings.Contains(got, tt.want) {
			t.Errorf("NextAction(%v, kyc %q) = %q, want it to say %q", tt.step, tt.kyc, got, tt.want)
		}
	}
	for acc, want := range map[api.Account]string{api.AccountActive: "onboarded", api.AccountPending: "not made the account active yet",
		api.AccountSuspended: "suspended this account; contact the bank"} {
		if got := NextAction(StepDone, api.Snapshot{Account: acc}, api.Needs{}); !strings.Contains(got, want) {
			t.Errorf("NextAction(done, account %q) = %q, want it to say %q", acc, got, want)
		}
	}
	if got := NextAction(StepEmail, api.Snapshot{}, api.Needs{}); !strings.Contains(got, "Give an email address") {
		t.Errorf("NextAction(email, no address) = %q", got)
	}
}
