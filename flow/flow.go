// Package flow is onboard's state machine, with no UI in it: the step
// kinds, each provider's plan as an ordered list of them, the State a run
// carries, the Engine that performs each step against a provider, the
// validators, the poll policy and the progress file.
//
// Every step decides from State (filled from the provider's own answers)
// whether it is already done, so Next lands on the first unfinished step
// whether the run is new, resumed, or started by a support agent.
//
// The Engine works on values: each operation takes a State and returns a
// new one, so a Bubble Tea Cmd can run it in its own goroutine without
// sharing memory with View.
package flow

import (
	"time"
)

// Step is a kind of step (docs/ARCHITECTURE.md, "Where a step lives").
type Step int

// The step kinds. A provider's plan orders some of them.
const (
	StepTerms Step = iota
	StepRegister
	StepCredentials
	StepLogin
	StepEmailCode // the code kind, by email
	StepPhoneCode // the code kind, by SMS
	StepKYC
	StepEmail
	StepActivate
	StepCategory // the customer category, picked before registering (FinHub)
	StepDone
)

// String returns the step's name, as the stepper and logs show it.
func (s Step) String() string {
	switch s {
	case StepTerms:
		return "terms"
	case StepRegister:
		return "register"
	case StepCredentials:
		return "credentials"
	case StepLogin:
		return "login"
	case StepEmailCode:
		return "email-code"
	case StepPhoneCode:
		return "phone-code"
	case StepKYC:
		return "kyc"
	case StepEmail:
		return "email"
	case StepActivate:
		return "activate"
	case StepCategory:
		return "category"
	case StepDone:
		return "done"
	}
	return "unknown"
}

// ParseStep is the inverse of Step.String.
func ParseStep(s string) (Step, bool) {
	for st := StepTerms; st <= StepDone; st++ {
		if st.String() == s {
			return st, true
		}
	}
	return 0, false
}

// Plan is a provider's ordered list of steps; StepDone is implied at the end.
type Plan []Step

// LinkCyPlan is LinkCy's order (its onboarding guide): terms → register → credentials
// (SMS secret + new password) → login → kyc → email.
func LinkCyPlan() Plan {
	return Plan{StepTerms, StepRegister, StepCredentials, StepLogin, StepKYC, StepEmail}
}

// WeavrPlan is Weavr's order (its consumer guide): terms (sent with the
// registration) → register → credentials (password create, which opens a
// session) → login → email code → mobile OTP → kyc (Weavr refuses a KYC
// before the email is verified).
func WeavrPlan() Plan {
	return Plan{StepTerms, StepRegister, StepCredentials, StepLogin, StepEmailCode, StepPhoneCode, StepKYC}
}

// FinHubPlan is FinHub's order for an individual (its documentation's
// "Individual Customer (B2C) - 7 Phases"): category → register (with the password) →
// login → kyc (documents, then a review) → terms (three consents: terms,
// privacy, data processing) → activate (the emailed code). Activation
// needs the verification APPROVED and every consent ACCEPTED, which the
// order gives; FinHub's state machine never goes backwards, and neither
// does Next.
//
// An organisation (B2B) would be another plan over the same kinds plus
// one for its personnel (directors, shareholders, employees, the first
// an ADMIN_USER), between register and kyc.
func FinHubPlan() Plan {
	return Plan{StepCategory, StepRegister, StepLogin, StepKYC, StepTerms, StepActivate}
}

// PlanFor returns the plan of the named provider, and false for a
// provider onboard does not know.
func PlanFor(provider string) (Plan, bool) {
	switch provider {
	case "linkcy":
		return LinkCyPlan(), true
	case "weavr":
		return WeavrPlan(), true
	case "finhub":
		return FinHubPlan(), true
	}
	return nil, false
}

// Next returns the first step of plan that st has not done at now, or
// StepDone.
func (p Plan) Next(st State, now time.Time) Step {
	for _, s := range p {
		if !st.Done(s, now) {
			return s
		}
	}
	return StepDone
}

// Position returns the index of s in the plan (len(p) for StepDone).
func (p Plan) Position(s Step) int {
	for i, x := range p {
		if x == s {
			return i
		}
	}
	return len(p)
}
