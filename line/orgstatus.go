package line

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/exit"
	"github.com/onboard-cli/onboard/internal/i18n"
)

// OrgStatus is `onboard status --organization --json`, documented in
// the README. Fields are only ever added to it, never renamed or removed.
type OrgStatus struct {
	Provider     string            `json:"provider"`
	Sandbox      bool              `json:"sandbox"`
	Organization OrgJSON           `json:"organization"`
	Personnel    []OrgPersonJSON   `json:"personnel"`
	KYB          string            `json:"kyb"`
	Consents     []OrgConsentJSON  `json:"consents"`
	Steps        []StatusStep      `json:"steps"`
	Next         string            `json:"next"`
	Onboarded    bool              `json:"onboarded"`
	Statuses     map[string]string `json:"statuses"`
}

// OrgJSON is the organisation in an OrgStatus.
type OrgJSON struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Status string `json:"status"`
	Active bool   `json:"active"`
}

// OrgPersonJSON is one of the company's people in an OrgStatus.
type OrgPersonJSON struct {
	Name         string   `json:"name"`
	Roles        []string `json:"roles"`
	Share        float64  `json:"share"`
	Verification string   `json:"verification"`
}

// OrgConsentJSON is a consent the company gave, in an OrgStatus.
type OrgConsentJSON struct {
	Type       string    `json:"type"`
	AcceptedBy string    `json:"acceptedBy"`
	AcceptedAt time.Time `json:"acceptedAt"`
}

// NewOrgStatus is where the company snap describes stands in plan, with
// provider (its name) and whether it is a sandbox's; st is the progress
// kept here.
func NewOrgStatus(provider string, sandbox bool, plan flow.Plan, st flow.State, snap api.OrgSnapshot) OrgStatus {
	out := OrgStatus{Provider: provider, Sandbox: sandbox,
		Organization: OrgJSON{ID: snap.ID, Name: snap.Name, Status: snap.Status, Active: snap.Active},
		Personnel:    []OrgPersonJSON{}, Consents: []OrgConsentJSON{}, Steps: []StatusStep{},
		KYB: string(snap.KYB.Status), Statuses: map[string]string{"organization": snap.Status}}
	if out.KYB == "" {
		out.KYB = string(api.KYCNotStarted)
	}
	for _, p := range snap.Personnel {
		out.Personnel = append(out.Personnel, OrgPersonJSON{Name: p.Name, Roles: append([]string{}, p.Roles...), Share: p.Share, Verification: p.Verification})
	}
	for _, c := range snap.Consents {
		out.Consents = append(out.Consents, OrgConsentJSON{Type: c.Type, AcceptedBy: c.AcceptedBy, AcceptedAt: c.AcceptedAt})
	}
	now := time.Now()
	for _, step := range plan {
		out.Steps = append(out.Steps, StatusStep{Step: step.String(), Done: st.Done(step, now)})
	}
	out.Next, out.Onboarded = plan.Next(st, now).String(), flow.Onboarded(plan, st, now)
	return out
}

// Print writes the company's standing for a person in tr's language.
func (o OrgStatus) Print(w io.Writer, tr i18n.Printer) {
	where := o.Provider
	if o.Sandbox {
		where = tr.F("%s, sandbox", o.Provider)
	}
	fmt.Fprintln(w, tr.F("%s, organisation %s (%s)", o.Organization.Name, o.Organization.ID, where))
	fmt.Fprintln(w)
	row := func(k, v string) { fmt.Fprintf(w, "%-12s %s\n", tr.T(k), v) }
	row("status", o.Organization.Status)
	row("KYB", o.KYB)
	for _, p := range o.Personnel {
		roles := strings.Join(p.Roles, ", ")
		if p.Share > 0 {
			roles += fmt.Sprintf(" (%g%%)", p.Share)
		}
		row("person", tr.F("%s: %s; verification %s", p.Name, roles, strings.ToLower(p.Verification)))
	}
	for _, c := range o.Consents {
		row("consent", tr.F("%s, accepted by %s on %s", c.Type, c.AcceptedBy, c.AcceptedAt.Format(time.DateOnly)))
	}
	if len(o.Consents) == 0 {
		row("consents", tr.T("none accepted yet"))
	}
	fmt.Fprintln(w)
	if o.Onboarded {
		row("next", tr.T("nothing: the company's account is active"))
		return
	}
	step, _ := flow.ParseStep(o.Next)
	row("next", tr.F("%s: run onboard --provider %s --organization FILE; it resumes at this step", tr.T(flow.Label(step, api.Needs{})), o.Provider))
}

// SavedOrganization is the company onboarding in progress here with
// provider (title, as a person names it), from its progress file at
// progressPath; none is a usage error saying how to start one.
func SavedOrganization(progressPath string, title *flow.Text, provider string) (flow.State, error) {
	p, ok, err := flow.LoadProgress(progressPath)
	if err != nil {
		return flow.State{}, err
	}
	if !ok || p.Org == nil || p.Org.ID == "" {
		return flow.State{}, exit.With(exit.Usage, i18n.Errorf("no company onboarding is in progress here with %s; start one: onboard --provider %s --organization FILE",
			title, provider))
	}
	return p.Restore(flow.State{}), nil
}

// ReadOrganization logs in as the company's first user with password,
// reads the organisation through eng, and logs out (title names the
// provider in the errors).
func ReadOrganization(ctx context.Context, eng flow.Engine, title *flow.Text, st flow.State, password string) (flow.State, api.OrgSnapshot, error) {
	needs := eng.P.Needs()
	st, err := eng.OrgLogin(ctx, st, password)
	if err != nil {
		return st, api.OrgSnapshot{}, flow.Explanation(err, needs)
	}
	st, snap, err := eng.OrganizationStatus(ctx, st)
	if err != nil {
		return st, snap, i18n.Errorf("%v: %v", flow.Explanation(err, needs), err)
	}
	if ender, ok := eng.P.(SessionEnder); ok {
		if err := ender.Logout(ctx, st.Session); err != nil {
			return st, snap, i18n.Errorf("logging out of %s after reading the status: %v", title, err)
		}
	}
	return st, snap, nil
}
