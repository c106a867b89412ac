package tui

import (
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/flow/flowtest"
)

// TestStartFails: a provider that did not start (Options.Ready) is said
// inside the wizard, under its stepper; no other key reaches the screens,
// and enter ends the run with that very error (App.StartErr), which the
// command ends with.
func TestStartFails(t *testing.T) {
	f := flowtest.New().Expect(flowtest.MTerms)
	failed := errors.New("sandbox: the database is at schema version 9, newer than this onboard (5); upgrade onboard or use another --db")
	h := newHarness(t, f, flow.State{}, 80, 24, func(o *Options) { o.Ready = func() error { return failed } })
	v := h.view()
	for _, want := range []string{"Terms › Phone", "newer than this onboard", "Press enter to leave", "enter leave"} {
		if !strings.Contains(v, want) {
			t.Fatalf("the wizard does not show %q:\n%s", want, v)
		}
	}
	h.key('a')
	if h.quit || h.step() != flow.StepTerms || h.app.c.st.AcceptedTerms != "" {
		t.Fatalf("a key went past the failure: quit %v, step %s", h.quit, h.step())
	}
	h.press(tea.KeyEnter)
	ending, _, err := h.app.Ending()
	if !h.quit || ending != EndFailed || err != failed || h.app.StartErr() != failed {
		t.Fatalf("enter: quit %v, ending %s, err %v, StartErr %v", h.quit, ending, err, h.app.StartErr())
	}
}
