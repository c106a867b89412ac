package flow

import (
	"time"

	"github.com/onboard-cli/onboard/api"
)

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
	// Organization is the company onboarded (an organisation's plan);
	// absent for a person.
	Organization *OrgSummary `json:"organization,omitempty"`
}

// OrgSummary is a company in the summary: never a credential.
type OrgSummary struct {
	ID        string              `json:"id"`
	Name      string              `json:"name"`
	Personnel []OrgPersonnelEntry `json:"personnel"`
}

// OrgPersonnelEntry is one person of the company in the summary.
type OrgPersonnelEntry struct {
	Name  string   `json:"name"`
	Roles []string `json:"roles"`
	Share float64  `json:"share,omitempty"`
}

// orgSummary is st's company, or nil when st onboards no organisation.
func orgSummary(st State) *OrgSummary {
	if st.Org.ID == "" {
		return nil
	}
	o := &OrgSummary{ID: st.Org.ID, Name: st.Organization.Company.LegalName, Personnel: []OrgPersonnelEntry{}}
	for _, m := range st.Organization.Members() {
		e := OrgPersonnelEntry{Name: m.Name(), Roles: []string{}, Share: m.Share}
		for _, r := range m.Roles {
			e.Roles = append(e.Roles, string(r))
		}
		o.Personnel = append(o.Personnel, e)
	}
	return o
}

// NewSummary is the summary of st with provider (on a sandbox or not),
// onboarded when every step of plan is done and the provider says the
// account is active.
func NewSummary(provider string, sandbox bool, plan Plan, st State) Summary {
	s := Summary{Provider: provider, Sandbox: sandbox, ConsumerID: st.ConsumerID,
		Phone: st.Phone.E164(), Email: st.Email, EmailVerified: st.EmailVerified, KYC: string(st.KYCStatus),
		TermsVersion: st.AcceptedTerms, TermsAccepted: st.TermsAccepted, Statuses: map[string]string{}}
	if st.Phone == (api.Phone{}) {
		s.Phone = "" // a company's onboarding has no phone of its own
	}
	for _, it := range st.Snapshot.Statuses {
		s.Statuses[it.Name] = it.Value
	}
	s.Account = string(st.Account())
	s.Onboarded = Onboarded(plan, st, time.Now())
	s.Organization = orgSummary(st)
	return s
}
