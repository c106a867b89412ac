package api

// Step is a kind of step a person goes through; a provider's plan orders
// some of them (Descriptor.Plans), and flow performs them
// (docs/ARCHITECTURE.md, "Where a step lives").
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

	// The kinds of an organisation's plan (FinHub's B2B lifecycle), after
	// StepDone so that the kinds above keep their numbers.

	// StepCompany registers the company: legal name, registration number,
	// country, legal form, incorporation date, address, contact, and the
	// person at the keyboard as its first user.
	StepCompany
	// StepPersonnel adds its employees (the first an ADMIN_USER), its
	// directors (one at least) and its shareholders (100% in all).
	StepPersonnel
	// StepKYBDocuments uploads the company's documents and an identity
	// document for each beneficial owner (25% or more).
	StepKYBDocuments
	// StepKYBReview submits the KYB (business and owners) and waits for
	// the provider's reviewer to approve it.
	StepKYBReview
	// StepOrgConsents records the three consents (terms, privacy, data
	// processing) as accepted by the admin, with the date.
	StepOrgConsents
	// StepOrgActivate activates the organisation, with a reason.
	StepOrgActivate

	stepEnd // one past the last kind, for ParseStep
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
	return s.orgString()
}

// orgString names the kinds of an organisation's plan.
func (s Step) orgString() string {
	switch s {
	case StepCompany:
		return "company"
	case StepPersonnel:
		return "personnel"
	case StepKYBDocuments:
		return "kyb-documents"
	case StepKYBReview:
		return "kyb-review"
	case StepOrgConsents:
		return "org-consents"
	case StepOrgActivate:
		return "org-activate"
	}
	return "unknown"
}

// ParseStep is the inverse of Step.String.
func ParseStep(s string) (Step, bool) {
	for st := StepTerms; st < stepEnd; st++ {
		if st.String() == s {
			return st, true
		}
	}
	return 0, false
}
