package tui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/flow/flowtest"
)

// TestPersonnelEscCancelsTheEdit: esc in "Edit this person" cancels the
// edit and shows the list again; the app's back key took it and said
// there was no step before (found walking the company demo).
func TestPersonnelEscCancelsTheEdit(t *testing.T) {
	st := flow.State{Lang: "en", FirstName: "Camille", LastName: "Moreau", Email: "camille@lumen.example"}
	st.Org.ID = "org-1"
	st.Session = api.Session{Token: "t", ExpiresAt: time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)}
	st.Organization = flow.Organization{Company: flow.Company{LegalName: "Atelier Lumen SAS"},
		Employees: []flow.Employee{{Person: person("Camille", "Moreau", "camille@lumen.example"), Roles: []flow.Role{flow.RoleAdmin}}}}
	h := newHarness(t, flowtest.New(), st, 80, 24, func(o *Options) { o.Plan = orgPlan() })
	h.press(tea.KeyEnter) // edit the person under the cursor
	if !strings.Contains(h.view(), "Edit") {
		t.Fatalf("enter did not open the edit:\n%s", h.view())
	}
	h.press(tea.KeyEscape)
	if v := h.view(); strings.Contains(v, "nothing before it") || strings.Contains(v, "Edit this person") {
		t.Errorf("esc did not cancel the edit:\n%s", v)
	}
	if h.step() != flow.StepPersonnel {
		t.Errorf("esc left the step for %s", h.step())
	}
}
