package flow

import "time"

// Summary is the documented --json shape of a finished onboarding, and
// what every front end says of one.
type Summary struct {
	Provider      string            `json:"provider"`
	Sandbox       bool              `json:"sandbox"`
	ConsumerID    string            `json:"consumerId"`
	Phone         string            `json:"phone"`
	Email         string            `json:"email"`
	EmailVerified bool              `json:"emailVerified"`
	KYC           string            `json:"kyc"`
	TermsVersion  string            `json:"termsVersion"`
	TermsAccepted bool              `json:"termsAccepted"`
	Statuses      map[string]string `json:"statuses"`
	// Account is where the provider says the account stands
	// (api.Account: ACTIVE, PENDING, SUSPENDED, or "" when it did not say).
	Account string `json:"account"`
	// Onboarded is true only when every step is done and the account
	// is active (flow.Onboarded).
	Onboarded bool `json:"onboarded"`
}

// NewSummary is the summary of st with provider (on a sandbox or not),
// onboarded when every step of plan is done and the provider says the
// account is active.
func NewSummary(provider string, sandbox bool, plan Plan, st State) Summary {
	s := Summary{Provider: provider, Sandbox: sandbox, ConsumerID: st.ConsumerID,
		Phone: st.Phone.E164(), Email: st.Email, EmailVerified: st.EmailVerified, KYC: string(st.KYCStatus),
		TermsVersion: st.AcceptedTerms, TermsAccepted: st.TermsAccepted, Statuses: map[string]string{}}
	for _, it := range st.Snapshot.Statuses {
		s.Statuses[it.Name] = it.Value
	}
	s.Account = string(st.Snapshot.Account)
	s.Onboarded = Onboarded(plan, st, time.Now())
	return s
}
