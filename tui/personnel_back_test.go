package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/flow/flowtest"
)

// TestPersonnelEscCancelsTheEdit: esc in "Edit this person" cancels the
// edit and shows the list again; the app's back key took it and said
// there was no step before (found walking the company demo).
func TestPersonnelEscCancelsTheEdit(t *testing.T) {
	h := newHarness(t, flowtest.New(), atPersonnel("en"), 80, 24, func(o *Options) { o.Plan = orgPlan() })
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
