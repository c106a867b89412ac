package main

import (
	"errors"
	"strings"
	"time"

	"github.com/onboard-cli/onboard/api/finhub"
	"github.com/onboard-cli/onboard/api/providers"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/i18n"
)

// organizationRun is an organisation's onboarding (--organization FILE):
// the file, read and checked whole before the first call.
type organizationRun struct {
	org  flow.Organization
	plan flow.Plan
}

// loadOrganization reads and checks --organization FILE for provider: a
// problem anywhere in it is named by its path in the file
// ("shareholders[1].share: …"), all of them at once, before any call.
func loadOrganization(path, provider string, now time.Time) (*organizationRun, error) {
	desc, ok := providers.Lookup(provider)
	if !ok {
		return nil, withCode(exitUsage, i18n.Errorf("provider %q is not one onboard speaks; choose %s", provider, providers.Names()))
	}
	p, ok := desc.Plan(finhub.PlanOrganization)
	if !ok {
		return nil, withCode(exitUsage, i18n.Errorf("--organization: %s onboards people, not companies; use --provider finhub", desc.Title))
	}
	org, err := flow.LoadOrganization(path)
	if err != nil {
		return nil, withCode(exitUsage, i18n.Errorf("--organization %s: %v", path, err))
	}
	problems := org.CheckDocumentFiles()
	var more flow.Problems
	if err := org.Validate(now); errors.As(err, &more) {
		problems = append(more, problems...)
	} else if err != nil {
		return nil, withCode(exitUsage, i18n.Errorf("--organization %s: %v", path, err))
	}
	if len(problems) > 0 {
		lines := make([]string, len(problems))
		for i, p := range problems {
			lines[i] = "  " + p.Error()
		}
		return nil, withCode(exitUsage, i18n.Errorf("--organization %s: fix these and run onboard again:\n%s", path, strings.Join(lines, "\n")))
	}
	return &organizationRun{org: org, plan: flow.Plan(p.Steps)}, nil
}

// apply makes t run the organisation's plan, with a progress file of its
// own beside the person's.
func (o *organizationRun) apply(t *target) {
	if o == nil {
		return
	}
	t.plan = o.plan
	if t.progressPath != "" {
		t.progressPath = strings.TrimSuffix(t.progressPath, ".json") + "-organization.json"
	}
}

// start puts the file's organisation into st: the file is the truth, a
// resumed run adds to the provider only who it does not have yet.
func (o *organizationRun) start(st flow.State) flow.State {
	if o != nil {
		st.Organization = o.org
	}
	return st
}
