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
