package finhub

import "github.com/onboard-cli/onboard/api"

// Describe is FinHub as onboard knows it. Its plan is the order of its
// documentation's "Individual Customer (B2C) - 7 Phases": category →
// register (with the password) → login → kyc (documents, then a review)
// → terms (three consents: terms, privacy, data processing) → activate
// (the emailed code). Activation needs the verification APPROVED and
// every consent ACCEPTED, which the order gives; FinHub's state machine
// never goes backwards, and neither does a plan.
//
// An organisation (B2B) will be a second plan over the same kinds plus
// one for its personnel (directors, shareholders, employees, the first
// an ADMIN_USER), between register and kyc.
func Describe() api.Descriptor {
	return api.Descriptor{
		Name: Name, Title: "FinHub", Connect: Connect,
		Plans: []api.Plan{{Name: "individual", Steps: []api.Step{
			api.StepCategory, api.StepRegister, api.StepLogin, api.StepKYC, api.StepTerms, api.StepActivate}}},
		SandboxPrefix: "/finhub/api/v2.1/",
		Lookup:        api.Lookups{None: true},
	}
}
