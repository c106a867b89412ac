package flow

import (
	"time"

	"github.com/onboard-cli/onboard/api"
)

// Back is where the back key leads from a step (BackFrom).
type Back struct {
	// To is the step to go back to; StepDone when there is none.
	To Step
	// Change: To is the registration of a consumer that exists, so going
	// back means changing its number or address (Engine.ChangeContact).
	Change bool
	// Why says, when there is no way back, why not.
	Why string
}

// OK reports whether there is a step to go back to.
func (b Back) OK() bool { return b.To != StepDone }

// BackFrom is where the back key leads from cur: the nearest earlier step
// of the plan the person can still change. It never goes back over a step
// whose effect cannot be undone (an identity check under way or done, an
// activated account, terms sent with a registration), and says why in Why.
// Steps that stay done whatever is changed (a password, a login) are gone
// back over.
func BackFrom(plan Plan, st State, cur Step, p Provider) Back {
	for i := plan.Position(cur) - 1; i >= 0; i-- {
		switch s := plan[i]; s {
		case StepTerms:
			if registered(st) {
				return Back{To: StepDone, Why: "The terms were accepted with your registration and cannot be taken back here."}
			}
			return Back{To: s}
		case StepCategory:
			if registered(st) {
				return Back{To: StepDone, Why: "Your customer category went with your registration and cannot be changed here."}
			}
			return Back{To: s}
		case StepRegister:
			if !registered(st) {
				return Back{To: s}
			}
			if why := changeBlocked(st, p); why != "" {
				return Back{To: StepDone, Why: why}
			}
			return Back{To: s, Change: true}
		case StepKYC:
			if st.KYCStatus != api.KYCNotStarted && st.KYCStatus != "" {
				return Back{To: StepDone, Why: "Your identity check has started with these details; to change them now, contact the bank's support."}
			}
		case StepActivate:
			if st.Activated {
				return Back{To: StepDone, Why: "Your account is activated; to change your details now, contact the bank's support."}
			}
		}
	}
	return Back{To: StepDone, Why: "This is the first step: there is nothing before it to go back to."}
}

func registered(st State) bool { return st.Registered || st.ConsumerID != "" }

// changeBlocked says why a registered consumer's number and address cannot
// be changed from here, or "".
func changeBlocked(st State, p Provider) string {
	if st.Session.Token == "" {
		if st.PasswordSet || st.PhoneVerified || p == nil || !p.Needs().SMSSecret {
			return "Log in first: your number and address are changed from your account."
		}
		return "" // registered again (Engine.ChangeContact)
	}
	if _, ok := p.(ContactChanger); !ok {
		return "This bank does not let onboard change a registered number or address; contact its support to change them."
	}
	return ""
}

// GoBack is the state in which the plan's next step is b.To: a step that
// was only done in this run (the terms accepted, a category picked, before
// any registration) is undone; a registration stays (it is changed, not
// undone).
func GoBack(st State, b Back) State {
	switch b.To {
	case StepTerms:
		st.TermsAccepted, st.AcceptedTerms, st.TermsAcceptedAt = false, "", time.Time{}
		st.TermsAcceptedHere, st.TermsLapsed = false, false
	case StepCategory:
		st.Category = ""
	}
	return st
}
