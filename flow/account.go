package flow

import (
	"time"

	"github.com/onboard-cli/onboard/api"
)

// Onboarded reports whether a run that has done every step of plan may
// say "onboarded": the provider must also say the account is active
// (api.AccountActive). A finished plan on an account the provider keeps
// pending, suspended or in a state it does not document is not onboarded.
func Onboarded(plan Plan, st State, now time.Time) bool {
	if plan.Next(st, now) != StepDone {
		return false
	}
	return st.Account() == api.AccountActive
}

// Account is the account state of whom this run onboards: a company's
// (Org.Account, read by its own steps), else the person's, from their
// last snapshot.
func (st State) Account() api.Account {
	if st.Org.ID != "" {
		return st.Org.Account
	}
	return st.Snapshot.Account
}

// AccountNote says in a sentence what keeps an account whose steps are
// all done from being active, and what to do; "" for an active one.
func AccountNote(a api.Account) string {
	switch a {
	case api.AccountActive:
		return ""
	case api.AccountPending:
		return "Every step is done, but the provider has not made the account active yet; run onboard status later to see whether it has."
	case api.AccountSuspended:
		return "The provider has suspended this account; contact the bank's support."
	}
	return "The provider did not say that the account is active; run onboard status later, and if it stays so, contact the bank's support."
}

// AccountWaits reports whether a account that is not active is only
// waiting for the provider (pending), rather than blocked (suspended) or
// in a state the provider does not document.
func AccountWaits(a api.Account) bool { return a == api.AccountPending }
