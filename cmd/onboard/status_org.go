package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/finhub"
	"github.com/onboard-cli/onboard/api/providers"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/i18n"
	"github.com/onboard-cli/onboard/line"
)

// orgStatusJSON is `onboard status --organization --json`, documented in
// the README. Fields are only ever added to it, never renamed or removed.
type orgStatusJSON struct {
	Provider     string            `json:"provider"`
	Sandbox      bool              `json:"sandbox"`
	Organization orgJSON           `json:"organization"`
	Personnel    []orgPersonJSON   `json:"personnel"`
	KYB          string            `json:"kyb"`
	Consents     []orgConsentJSON  `json:"consents"`
	Steps        []line.StatusStep `json:"steps"`
	Next         string            `json:"next"`
	Onboarded    bool              `json:"onboarded"`
	Statuses     map[string]string `json:"statuses"`
}

type orgJSON struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Status string `json:"status"`
	Active bool   `json:"active"`
}

type orgPersonJSON struct {
	Name         string   `json:"name"`
	Roles        []string `json:"roles"`
	Share        float64  `json:"share"`
	Verification string   `json:"verification"`
}

type orgConsentJSON struct {
	Type       string    `json:"type"`
	AcceptedBy string    `json:"acceptedBy"`
	AcceptedAt time.Time `json:"acceptedAt"`
}

// runOrgStatus reports on the company onboarding in progress here: it
// logs in as its first user (the password asked, or --password-stdin),
// reads the organisation and logs out.
func runOrgStatus(ctx context.Context, e *env, s settings, f statusFlags) error {
	run, err := orgStatusRun(s.Provider.Value)
	if err != nil {
		return err
	}
	var password string
	if f.passwordStdin {
		if password, err = readPasswordLine(e.stdin); err != nil {
			return withCode(exitUsage, err)
		}
	}
	t, err := openReader(ctx, s, f.debugFile)
	if err != nil {
		return err
	}
	defer t.close()
	run.apply(t)
	st, err := savedOrganization(t)
	if err != nil {
		return err
	}
	st, snap, err := readOrganization(ctx, e, t, st, password)
	if err != nil {
		return err
	}
	out := newOrgStatus(t, st, snap)
	if f.jsonOut {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	out.print(e.stdout, e.printer(s.Lang.Value))
	return nil
}

// orgStatusRun is the organisation plan of provider, for status.
func orgStatusRun(provider string) (*organizationRun, error) {
	desc, _ := providers.Lookup(provider)
	p, ok := desc.Plan(finhub.PlanOrganization)
	if !ok {
		return nil, withCode(exitUsage, i18n.Errorf("--organization: %s onboards people, not companies; use --provider finhub", desc.Title))
	}
	return &organizationRun{plan: flow.Plan(p.Steps)}, nil
}

// savedOrganization is the company onboarding in progress here.
func savedOrganization(t *target) (flow.State, error) {
	p, ok, err := flow.LoadProgress(t.progressPath)
	if err != nil {
		return flow.State{}, err
	}
	if !ok || p.Org == nil || p.Org.ID == "" {
		return flow.State{}, withCode(exitUsage, i18n.Errorf("no company onboarding is in progress here with %s; start one: onboard --provider %s --organization FILE",
			t.title(), t.provider.Name()))
	}
	return p.Restore(flow.State{}), nil
}

// readOrganization logs in as the company's first user, reads the
// organisation, and logs out.
func readOrganization(ctx context.Context, e *env, t *target, st flow.State, password string) (flow.State, api.OrgSnapshot, error) {
	if password == "" {
		pw, err := askSecret(e, "the password for "+st.Email, "--password-stdin")
		if err != nil {
			return st, api.OrgSnapshot{}, err
		}
		password = pw
	}
	eng := t.engine()
	st, err := eng.OrgLogin(ctx, st, password)
	if err != nil {
		return st, api.OrgSnapshot{}, flow.Explanation(err, t.provider.Needs())
	}
	st, snap, err := eng.OrganizationStatus(ctx, st)
	if err != nil {
		return st, snap, i18n.Errorf("%v: %v", flow.Explanation(err, t.provider.Needs()), err)
	}
	if ender, ok := t.provider.(sessionEnder); ok {
		if err := ender.Logout(ctx, st.Session); err != nil {
			return st, snap, i18n.Errorf("logging out of %s after reading the status: %v", t.title(), err)
		}
	}
	return st, snap, nil
}

func newOrgStatus(t *target, st flow.State, snap api.OrgSnapshot) orgStatusJSON {
	out := orgStatusJSON{Provider: t.provider.Name(), Sandbox: t.phone != nil,
		Organization: orgJSON{ID: snap.ID, Name: snap.Name, Status: snap.Status, Active: snap.Active},
		Personnel:    []orgPersonJSON{}, Consents: []orgConsentJSON{}, Steps: []line.StatusStep{},
		KYB: string(snap.KYB.Status), Statuses: map[string]string{"organization": snap.Status}}
	if out.KYB == "" {
		out.KYB = string(api.KYCNotStarted)
	}
	for _, p := range snap.Personnel {
		out.Personnel = append(out.Personnel, orgPersonJSON{Name: p.Name, Roles: append([]string{}, p.Roles...), Share: p.Share, Verification: p.Verification})
	}
	for _, c := range snap.Consents {
		out.Consents = append(out.Consents, orgConsentJSON{Type: c.Type, AcceptedBy: c.AcceptedBy, AcceptedAt: c.AcceptedAt})
	}
	now := time.Now()
	for _, step := range t.plan {
		out.Steps = append(out.Steps, line.StatusStep{Step: step.String(), Done: st.Done(step, now)})
	}
	next := t.plan.Next(st, now)
	out.Next, out.Onboarded = next.String(), next == flow.StepDone && snap.Active
	return out
}

// print writes the company's standing for a person in tr's language.
func (o orgStatusJSON) print(w io.Writer, tr i18n.Printer) {
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
