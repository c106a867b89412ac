package finhub

import "github.com/onboard-cli/onboard/api"

// PlanOrganization names FinHub's organisation plan (--organization).
const PlanOrganization = "organization"

// Describe is FinHub as onboard knows it. Its plan is the order of its
// documentation's "Individual Customer (B2C) - 7 Phases": category →
// register (with the password) → login → kyc (documents, then a review)
// → terms (three consents: terms, privacy, data processing) → activate
// (the emailed code). Activation needs the verification APPROVED and
// every consent ACCEPTED, which the order gives; FinHub's state machine
// never goes backwards, and neither does a plan.
//
// Its second plan, "organization", is the documentation's "Organization
// Customer (B2B) - 8 Phases" as onboard does them: company (registration,
// the person at the keyboard its first user) → login (done by the
// registration; a resumed run, which keeps no session, asks the admin's
// password again) → personnel (employees, the
// first an ADMIN_USER; directors; shareholders totalling 100%) → KYB
// documents (the company's, each beneficial owner's identity) → KYB
// review → the three consents, accepted by a named person with the date
// → activation with a reason. The business category is the tenant's
// default (OrgCategory), so there is no category step.
func Describe() api.Descriptor {
	return api.Descriptor{
		Name: Name, Title: "FinHub", Connect: Connect,
		Plans: []api.Plan{{Name: "individual", Steps: []api.Step{
			api.StepCategory, api.StepRegister, api.StepLogin, api.StepKYC, api.StepTerms, api.StepActivate}},
			{Name: PlanOrganization, Steps: []api.Step{api.StepCompany, api.StepLogin, api.StepPersonnel, api.StepKYBDocuments, api.StepKYBReview,
				api.StepOrgConsents, api.StepOrgActivate}}},
		SandboxPrefix: "/finhub/api/v2.1/",
		Lookup:        api.Lookups{None: true},
	}
}
