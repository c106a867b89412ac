package main

import (
	"strings"
	"time"

	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/line"
)

// organizationRun is an organisation's onboarding (--organization FILE):
// the file, read and checked whole before the first call.
type organizationRun struct {
	org  flow.Organization
	plan flow.Plan
}

// loadOrganization reads and checks --organization FILE for provider
// (line.LoadOrganization).
func loadOrganization(path, provider string, now time.Time) (*organizationRun, error) {
	org, plan, err := line.LoadOrganization(path, provider, now)
	if err != nil {
		return nil, err
	}
	return &organizationRun{org: org, plan: plan}, nil
}

// apply makes t run the organisation's plan, with a progress file of its
// own beside the person's.
func (o *organizationRun) apply(t *target) {
	if o == nil {
		return
	}
	t.plan = o.plan
	if t.progressPath != "" {
		t.progressPath = orgProgressPath(t.progressPath)
	}
}

// orgProgressPath is where a company's onboarding keeps its progress,
// beside its person's (path).
func orgProgressPath(path string) string {
	return strings.TrimSuffix(path, ".json") + "-organization.json"
}

// start puts the file's organisation into st: the file is the truth, a
// resumed run adds to the provider only who it does not have yet.
func (o *organizationRun) start(st flow.State) flow.State {
	if o != nil {
		st.Organization = o.org
	}
	return st
}
