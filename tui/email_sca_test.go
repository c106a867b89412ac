package tui

import (
	"context"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/flow/flowtest"
)

// emailSet is a logged-in consumer at the email step whose provider has
// ada@example.com already, and a fake that asks to approve a change.
func emailSet(t *testing.T) (*flowtest.Fake, flow.State) {
	t.Helper()
	st := loggedIn()
	st.KYCStatus, st.Snapshot.Email = api.KYCApproved, "ada@example.com"
	f := flowtest.New().Registered(frPhone, "x").WithKYC(api.KYCApproved)
	if err := f.SetEmail(context.Background(), st.Session, "ada@example.com"); err != nil {
		t.Fatal(err)
	}
	f.EmailAfter = 1000 // the link is not clicked yet
	return f, st
}

// TestEmailStepWaitsForApproval: on LinkCy's email step, an address in
// place of the one the provider has is a change of contact the bank asks
// to approve: the step shows the change screen's wait (the join code),
// replays the change until it is approved, then sends the link to the
// new address; it never ends in a sentence instead.
func TestEmailStepWaitsForApproval(t *testing.T) {
	f, st := emailSet(t)
	f.SCA = 1 // one replay finds it not approved yet
	h := newHarness(t, f, st, 80, 40)
	if h.step() != flow.StepEmail {
		t.Fatalf("step %s, want email", h.step())
	}
	h.clear()
	h.typeText("grace@example.com")
	h.press(tea.KeyEnter)
	mustContain(t, h.view(), "Approve this on your phone", "482913", "Waiting for your approval", "esc cancel the change")
	h.golden()
	h.tick("sca")
	mustContain(t, h.view(), "Waiting for your approval")
	h.tick("sca")
	mustContain(t, h.view(), "We sent a link to grace@example.com")
	if h.step() != flow.StepEmail || h.app.c.st.Email != "grace@example.com" {
		t.Fatalf("step %s, email %q; want the link's wait for the new address", h.step(), h.app.c.st.Email)
	}
	if n, sent, set := f.Calls(flowtest.MChange), f.Calls(flowtest.MSendEmail), f.Calls(flowtest.MSetEmail); n != 3 || sent != 1 || set != 1 {
		t.Errorf("%d changes, %d links, %d plain saves; want the change and 2 replays, 1 link, none but the set-up's", n, sent, set)
	}
}

// TestEmailStepCancelsTheChange: esc during the wait for a push cancels
// the change: the field holds the provider's address again, and nothing
// was changed or sent.
func TestEmailStepCancelsTheChange(t *testing.T) {
	f, st := emailSet(t)
	f.SCAPush = true
	h := newHarness(t, f, st, 80, 24)
	h.clear()
	h.typeText("grace@example.com")
	h.press(tea.KeyEnter)
	mustContain(t, h.view(), "The bank sent a request to its app on your phone", "Waiting for your approval")
	h.press(tea.KeyEscape)
	mustContain(t, h.view(), "Confirm your email address", "› Email", "ada@example.com")
	if h.step() != flow.StepEmail || h.app.c.st.SCA.ID != "" || h.app.c.st.Email != "ada@example.com" || f.Calls(flowtest.MSendEmail) != 0 {
		t.Fatalf("after cancelling: step %s, sca %+v, email %q, %d links", h.step(), h.app.c.st.SCA, h.app.c.st.Email, f.Calls(flowtest.MSendEmail))
	}
}

// TestEmailStepGivesUpTheApproval: a wait for the bank's approval that
// lasts past flow.SCAWaitOver ends, as line mode's does: nothing was
// changed, the field holds the address as typed (enter tries again), and
// the banner says flow.SCANotApproved; no replay is sent after it.
func TestEmailStepGivesUpTheApproval(t *testing.T) {
	f, st := emailSet(t)
	f.SCA = 1000 // never approved
	h := newHarness(t, f, st, 80, 24)
	h.clear()
	h.typeText("grace@example.com")
	h.press(tea.KeyEnter)
	h.tick("sca")
	h.clock.Advance(flow.SCAGiveUp - time.Second)
	h.tick("sca")
	mustContain(t, h.view(), "Waiting for your approval")
	h.clock.Advance(2 * time.Second)
	h.press(tea.KeyEnter) // check now: the answer, still waiting, comes after the limit
	mustContain(t, h.view(), "Confirm your email address", "› Email", "grace@example.com", flow.SCANotApproved)
	if s, ok := h.app.screen.(*emailScreen); !ok || !s.in.Focused() {
		t.Error("after the wait, the address is not in a field to send again")
	}
	replays := f.Calls(flowtest.MChange)
	h.tick("sca")
	if h.app.c.st.SCA.ID != "" || h.app.c.st.Email != "ada@example.com" || f.Calls(flowtest.MChange) != replays || f.Calls(flowtest.MSendEmail) != 0 {
		t.Fatalf("after the wait: sca %+v, email %q, %d changes (%d before), %d links", h.app.c.st.SCA, h.app.c.st.Email, f.Calls(flowtest.MChange), replays, f.Calls(flowtest.MSendEmail))
	}
}
