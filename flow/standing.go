package flow

import (
	"time"

	"github.com/onboard-cli/onboard/api"
)

// Standing is where a consumer stands in a plan, judged from the
// provider's word alone (a Snapshot), as `onboard status` and the agent
// console show it.
type Standing struct {
	Steps []StepStanding
	// Next is the first unfinished step, or StepDone.
	Next Step
	// Account is where the provider says the account stands.
	Account api.Account
}

// StepStanding is one step of the plan and whether it is done.
type StepStanding struct {
	Step Step
	Done bool
}

// Onboarded reports whether every step of the plan is done and the
// provider says the account is active.
func (s Standing) Onboarded() bool { return s.Next == StepDone && s.Account == api.AccountActive }

// StandingOf judges plan against snap. The login step counts as done
// when a password is set: a session belongs to one run, not to the
// consumer, so whoever continues logs in again.
func StandingOf(plan Plan, snap api.Snapshot) Standing {
	st := State{}.Apply(snap)
	out := Standing{Next: StepDone, Account: snap.Account}
	for _, step := range plan {
		done := st.Done(step, time.Time{})
		if step == StepLogin {
			done = st.PasswordSet
		}
		out.Steps = append(out.Steps, StepStanding{Step: step, Done: done})
		if !done && out.Next == StepDone {
			out.Next = step
		}
	}
	return out
}

// NextAction says in a sentence what the consumer does next at step,
// given the provider's snapshot and needs (NextActionText, in English).
func NextAction(step Step, snap api.Snapshot, n api.Needs) string {
	return NextActionText(step, snap, n).String()
}

// NextActionText is NextAction's sentence as a Text, for a front end that
// translates it (onboard status in French).
func NextActionText(step Step, snap api.Snapshot, n api.Needs) *Text {
	switch step {
	case StepTerms:
		return Say("Accept the current terms: they were never accepted, or they have changed since.")
	case StepRegister:
		return Say("Register: give the details the provider asks for.")
	case StepCredentials:
		if n.SMSSecret {
			return Say("Set a password with a secret sent by SMS to %s.", snap.Phone)
		}
		return Say("Set a password.")
	case StepLogin:
		return Say("Log in with the password.")
	case StepEmailCode:
		return Say("Verify the email address %s with the 6-digit code sent to it.", snap.Email)
	case StepPhoneCode:
		return Say("Verify the mobile number %s with the 6-digit code sent by SMS.", snap.Phone)
	case StepKYC:
		return kycAction(snap, n)
	case StepActivate:
		return Say("Activate the account with the code emailed to %s.", snap.Email)
	case StepCategory:
		return Say("Pick the customer category.")
	case StepEmail:
		if snap.Email == "" {
			return Say("Give an email address and open the verification link sent to it.")
		}
		return Say("Open the verification link sent to %s.", snap.Email)
	case StepDone:
		if note := AccountNote(snap.Account); note != "" {
			return Say(note) // a catalog key of its own (flow/account.go)
		}
		return Say("Nothing: the consumer is onboarded.")
	}
	return Say("Continue with the %s step.", step.String())
}

// kycAction is NextActionText at the KYC step.
func kycAction(snap api.Snapshot, n api.Needs) *Text {
	switch snap.KYC {
	case api.KYCProcessing, api.KYCPendingReview:
		return Say("Wait: the identity check is with the provider (%s). Nothing to do until it decides.", string(snap.KYC))
	case api.KYCDeclined:
		return Say("The identity check was declined: a new one may be started, or the provider's support asked why.")
	}
	if n.Documents {
		return Say("Prove the identity: upload the documents the bank asks for (onboard offers a file picker); a reviewer then checks them.")
	}
	return Say("Prove the identity: open the KYC link (onboard shows it as a QR code) and follow the steps.")
}

// Label is the step's name as a person reads it, in the stepper and in
// `onboard status`: "Phone" for a register step that asks only for the
// number, "Details" when the provider needs more.
func Label(step Step, n api.Needs) string {
	switch step {
	case StepTerms:
		return "Terms"
	case StepRegister:
		if n.Names || n.BirthDate {
			return "Details"
		}
		return "Phone"
	case StepCredentials:
		return "Password"
	case StepLogin:
		return "Login"
	case StepEmailCode, StepEmail:
		return "Email"
	case StepPhoneCode:
		return "Mobile"
	case StepKYC:
		return "KYC"
	case StepActivate:
		return "Activation"
	case StepCategory:
		return "Category"
	case StepDone:
		return "Done"
	}
	return orgLabel(step)
}
