package finhub_test

import (
	"slices"
	"testing"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/finhub"
)

// TestPlans: FinHub's two plans, each the documentation's order, with the
// individual one first (what onboard runs unless told otherwise).
func TestPlans(t *testing.T) {
	for _, tc := range []struct {
		name string
		want []api.Step
	}{
		{"", []api.Step{api.StepCategory, api.StepRegister, api.StepLogin, api.StepKYC, api.StepTerms, api.StepActivate}},
		{"individual", []api.Step{api.StepCategory, api.StepRegister, api.StepLogin, api.StepKYC, api.StepTerms, api.StepActivate}},
		{finhub.PlanOrganization, []api.Step{api.StepCompany, api.StepLogin, api.StepPersonnel, api.StepKYBDocuments, api.StepKYBReview,
			api.StepOrgConsents, api.StepOrgActivate}},
	} {
		p, ok := finhub.Describe().Plan(tc.name)
		if !ok || !slices.Equal(p.Steps, tc.want) {
			t.Errorf("plan %q = %v (%v); want %v", tc.name, p.Steps, ok, tc.want)
		}
	}
	if _, ok := finhub.Describe().Plan("organisation"); ok {
		t.Error("a plan by a name FinHub does not have")
	}
}
