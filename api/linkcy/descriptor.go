package linkcy

import "github.com/onboard-cli/onboard/api"

// Describe is LinkCy as onboard knows it. Its plan is the order of its
// onboarding guide: terms → register → credentials (the SMS secret and a
// new password) → login → kyc → email.
func Describe() api.Descriptor {
	return api.Descriptor{
		Name: Name, Title: "LinkCy", Connect: Connect,
		Plans: []api.Plan{{Name: "individual", Steps: []api.Step{
			api.StepTerms, api.StepRegister, api.StepCredentials, api.StepLogin, api.StepKYC, api.StepEmail}}},
		SandboxPrefix: "/linkcy/", SandboxTerms: true,
		// How has no word of English: the sentence around it is
		// translated, and this is not.
		Lookup: api.Lookups{AsPartner: true,
			How: "--consumer ID, --phone NUMBER, --external-id ID, --email ADDRESS"},
	}
}
