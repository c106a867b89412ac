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

	"github.com/onboard-cli/onboard/api"
)

// Step is a kind of step (docs/ARCHITECTURE.md, "Where a step lives");
// the kinds are api's, so that a provider's descriptor can list its plans.
type Step = api.Step

// The step kinds, as flow's callers name them.
const (
	StepTerms       = api.StepTerms
	StepRegister    = api.StepRegister
	StepCredentials = api.StepCredentials
	StepLogin       = api.StepLogin
	StepEmailCode   = api.StepEmailCode
	StepPhoneCode   = api.StepPhoneCode
	StepKYC         = api.StepKYC
	StepEmail       = api.StepEmail
	StepActivate    = api.StepActivate
	StepCategory    = api.StepCategory
	StepDone        = api.StepDone
)

// ParseStep is the inverse of Step.String.
func ParseStep(s string) (Step, bool) { return api.ParseStep(s) }

// Plan is a provider's ordered list of steps; StepDone is implied at the end.
type Plan []Step

// Next returns the first step of plan that st has not done at now, or
// StepDone.
func (p Plan) Next(st State, now time.Time) Step {
	if st.PhoneChanged && !st.PhoneVerified && st.Session.Token != "" {
		return StepPhoneCode // a changed number is proven first (flow/change.go)
	}
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
