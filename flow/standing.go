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
// given the provider's snapshot and needs.
func NextAction(step Step, snap api.Snapshot, n api.Needs) string {
	switch step {
	case StepTerms:
		return "Accept the current terms: they were never accepted, or they have changed since."
	case StepRegister:
		return "Register: give the details the provider asks for."
	case StepCredentials:
		if n.SMSSecret {
			return "Set a password with a secret sent by SMS to " + snap.Phone + "."
		}
		return "Set a password."
	case StepLogin:
		return "Log in with the password."
	case StepEmailCode:
		return "Verify the email address " + snap.Email + " with the 6-digit code sent to it."
	case StepPhoneCode:
		return "Verify the mobile number " + snap.Phone + " with the 6-digit code sent by SMS."
	case StepKYC:
		switch snap.KYC {
		case api.KYCProcessing, api.KYCPendingReview:
			return "Wait: the identity check is with the provider (" + string(snap.KYC) + "). Nothing to do until it decides."
		case api.KYCDeclined:
			return "The identity check was declined: a new one may be started, or the provider's support asked why."
		}
		if n.Documents {
			return "Prove the identity: upload the documents the bank asks for (onboard offers a file picker); a reviewer then checks them."
		}
		return "Prove the identity: open the KYC link (onboard shows it as a QR code) and follow the steps."
	case StepActivate:
		return "Activate the account with the code emailed to " + snap.Email + "."
	case StepCategory:
		return "Pick the customer category."
	case StepEmail:
		if snap.Email == "" {
			return "Give an email address and open the verification link sent to it."
		}
		return "Open the verification link sent to " + snap.Email + "."
	case StepDone:
		if note := AccountNote(snap.Account); note != "" {
			return note
		}
		return "Nothing: the consumer is onboarded."
	}
	return "Continue with the " + step.String() + " step."
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
