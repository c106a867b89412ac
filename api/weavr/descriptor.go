package weavr

import "github.com/onboard-cli/onboard/api"

// Describe is Weavr as onboard knows it. Its plan is the order of its
// consumer guide: terms (sent with the registration) → register →
// credentials (the password, whose creation opens a session) → login →
// email code → mobile code → kyc (Weavr refuses a KYC before the email
// is verified).
func Describe() api.Descriptor {
	return api.Descriptor{
		Name: Name, Title: "Weavr", Connect: Connect,
		Plans: []api.Plan{{Name: "individual", Steps: []api.Step{
			api.StepTerms, api.StepRegister, api.StepCredentials, api.StepLogin, api.StepEmailCode, api.StepPhoneCode, api.StepKYC}}},
		SandboxPrefix: "/weavr/multi/",
		Lookup:        api.Lookups{How: "--email ADDRESS (the consumer's login)"},
	}
}
