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

var typoPhone = api.Phone{CallingCode: "33", National: "612349999"}

// clear empties the focused field.
func (h *harness) clear() {
	h.t.Helper()
	for range 40 {
		h.press(tea.KeyBackspace)
	}
}

// loggedInWithTypo is a consumer logged in at the KYC step, whose phone
// number has a typo to change.
func loggedInWithTypo() flow.State {
	return flow.State{TermsAccepted: true, AcceptedTerms: "1.0", Phone: typoPhone, Registered: true, ConsumerID: "cons_fake", PasswordSet: true,
		Session: api.Session{Token: "access-0", RefreshToken: "refresh-0", ConsumerID: "cons_fake", ExpiresAt: time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC)}}
}

// TestBackFromTheSecret is issue 22's typo: the SMS screen shows the
// number in full, esc leads to the change of the number, and the secret
// then goes to the new one (the consumer nothing proves yet is registered
// again).
func TestBackFromTheSecret(t *testing.T) {
	st := flow.State{TermsAccepted: true, AcceptedTerms: "1.0", Phone: typoPhone, Registered: true, ConsumerID: "cons_fake"}
	f := flowtest.New().Registered(typoPhone, "")
	h := newHarness(t, f, st, 80, 24)
	mustContain(t, h.view(), "+33 6 12 34 99 99", "esc back")
	h.golden()
	h.press(tea.KeyEscape)
	mustContain(t, h.view(), "Change your number or email address", "+33 6 12 34 99 99", "registers you again")
	h.clear()
	h.typeText("06 12 34 56 78")
	h.press(tea.KeyEnter)
	if h.step() != flow.StepCredentials || h.app.c.st.Phone != frPhone {
		t.Fatalf("step %s, phone %v; want the secret for the new number:\n%s", h.step(), h.app.c.st.Phone, h.view())
	}
	mustContain(t, h.view(), "+33 6 12 34 56 78")
	if n := f.Calls(flowtest.MSendSecret); n != 2 {
		t.Errorf("%d secrets sent, want one to each number", n)
	}
}

// TestBackKeepsWhatWasThere: esc on the change screen goes back to where
// the plan stands, with nothing changed; a first step says why there is
// no way back; a bad number is said under its field.
func TestBackKeepsWhatWasThere(t *testing.T) {
	st := flow.State{TermsAccepted: true, AcceptedTerms: "1.0", Phone: typoPhone, Registered: true, ConsumerID: "cons_fake"}
	f := flowtest.New().Registered(typoPhone, "")
	h := newHarness(t, f, st, 80, 24)
	h.press(tea.KeyEscape)
	h.clear()
	h.typeText("12")
	h.press(tea.KeyEnter)
	if !strings.Contains(h.view(), "Change your number") || f.Calls(flowtest.MRegister) != 0 {
		t.Fatalf("a bad number was sent:\n%s", h.view())
	}
	h.press(tea.KeyEscape)
	if h.step() != flow.StepCredentials || h.app.c.st.Phone != typoPhone {
		t.Fatalf("after esc: step %s phone %v", h.step(), h.app.c.st.Phone)
	}
	h.press(tea.KeyTab, tea.ModShift) // shift+tab: the secret is the only field
	mustContain(t, h.view(), "Change your number")

	first := newHarness(t, flowtest.New(), flow.State{}, 80, 24)
	first.press(tea.KeyEscape)
	mustContain(t, first.view(), "This is the first step")
}

// TestBackKeepsLaterTicks: gone back from the KYC to change the number,
// the stepper still ticks the steps after it that stay done (the secret,
// the password, the login) and not the KYC, which is not.
func TestBackKeepsLaterTicks(t *testing.T) {
	f := flowtest.New().Registered(typoPhone, "S3cure-pass!")
	h := newHarness(t, f, loggedInWithTypo(), 120, 30)
	if h.step() != flow.StepKYC {
		t.Fatalf("step %s, want kyc", h.step())
	}
	h.press(tea.KeyEscape)
	mustContain(t, h.view(), "Change your number", "esc cancel") // the way back, in the help line
	header := strings.SplitN(h.view(), "\n", 2)[0]
	for _, want := range []string{"✓ Terms", "✓ Secret", "✓ Password", "✓ Login"} {
		if !strings.Contains(header, want) {
			t.Errorf("the stepper lacks %q: %s", want, header)
		}
	}
	if strings.Contains(header, "✓ KYC") || strings.Contains(header, "✓ Email") {
		t.Errorf("the stepper ticks a step not done: %s", header)
	}
	// Narrow, next is the first step not done, and esc stays in the help
	// line at 80 columns.
	h.send(tea.WindowSizeMsg{Width: 60, Height: 30})
	if header := strings.SplitN(h.view(), "\n", 2)[0]; !strings.Contains(header, "next: KYC") {
		t.Errorf("at 60 columns: %s", header)
	}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	if foot := lastLine(h.view()); !strings.Contains(foot, "esc cancel") {
		t.Errorf("at 80 columns the help line lacks esc: %q", foot)
	}
	h.send(tea.WindowSizeMsg{Width: 120, Height: 30})
	// Nothing changed, esc again: the KYC screen with its link's QR code,
	// as before (it said the window was too small for one).
	h.press(tea.KeyEscape)
	if h.step() != flow.StepKYC {
		t.Fatalf("step %s, want kyc", h.step())
	}
	if v := h.view(); strings.Contains(v, "too small for the QR code") || !strings.Contains(v, "▀") && !strings.Contains(v, "█") {
		t.Errorf("back at the KYC, no QR code at 120×30:\n%s", v)
	}
}

// TestStepperOnTheChangedNumbersCode: the code that proves a changed
// number is a screen the plan does not list; the stepper ticks what is
// done (not the KYC, not the email) and, narrow, names that screen
// rather than saying every step is done.
func TestStepperOnTheChangedNumbersCode(t *testing.T) {
	for _, width := range []int{120, 50} {
		f := flowtest.New().Registered(typoPhone, "S3cure-pass!")
		f.SCA = 1
		h := newHarness(t, f, loggedInWithTypo(), width, 30)
		h.press(tea.KeyEscape)
		h.clear()
		h.typeText("+33 6 12 34 56 78")
		h.press(tea.KeyEnter)
		h.tick("sca")
		h.tick("sca")
		if h.step() != flow.StepPhoneCode {
			t.Fatalf("step %s, want the phone code:\n%s", h.step(), h.view())
		}
		header := strings.SplitN(h.view(), "\n", 2)[0]
		if strings.Contains(header, "✓ KYC") || strings.Contains(header, "✓ Email") || strings.Contains(header, "All steps done") {
			t.Errorf("at %d columns the stepper ticks steps not done: %s", width, header)
		}
		if width == 120 && !strings.Contains(header, "✓ Password") {
			t.Errorf("the stepper lost the password's tick: %s", header)
		}
	}
}

// TestChangeWaitsForApproval: logged in, a change waits for the bank's
// approval (a join code as text and QR code), is replayed until approved,
// and the new number is then proven with the phone code.
func TestChangeWaitsForApproval(t *testing.T) {
	f := flowtest.New().Registered(typoPhone, "S3cure-pass!")
	f.SCA = 1
	st := loggedInWithTypo()
	h := newHarness(t, f, st, 80, 40)
	if h.step() != flow.StepKYC {
		t.Fatalf("step %s, want kyc", h.step())
	}
	h.press(tea.KeyEscape)
	h.clear()
	h.typeText("+33 6 12 34 56 78")
	h.press(tea.KeyEnter)
	mustContain(t, h.view(), "Approve this on your phone", "482913", "Waiting for your approval")
	h.golden()
	h.tick("sca")
	mustContain(t, h.view(), "Waiting for your approval")
	h.tick("sca")
	if h.step() != flow.StepPhoneCode {
		t.Fatalf("step %s, want the phone code for the new number:\n%s", h.step(), h.view())
	}
	mustContain(t, h.view(), "Confirm your mobile number", "+33 6 12 34 56 78")
}

// TestChangeGivesUpTheApproval: the change screen's wait for the bank's
// approval ends when flow.SCAWaitOver says so, as line mode's does:
// nothing was changed, the fields are as typed (as after a refusal), and
// the banner says flow.SCANotApproved.
func TestChangeGivesUpTheApproval(t *testing.T) {
	f := flowtest.New().Registered(typoPhone, "S3cure-pass!")
	f.SCA = 1000 // never approved
	st := loggedInWithTypo()
	h := newHarness(t, f, st, 80, 24)
	h.press(tea.KeyEscape)
	h.clear()
	h.typeText("+33 6 12 34 56 78")
	h.press(tea.KeyEnter)
	h.clock.Advance(flow.SCAGiveUp)
	h.press(tea.KeyEnter) // check now: still waiting, at the very limit
	mustContain(t, h.view(), "Waiting for your approval")
	h.clock.Advance(time.Second)
	h.tick("sca") // the replay's tick after the limit ends the wait
	if h.app.c.st.Phone != typoPhone || h.app.c.st.SCA.ID != "" {
		t.Fatalf("after the wait: phone %v sca %+v\n%s", h.app.c.st.Phone, h.app.c.st.SCA, h.view())
	}
	mustContain(t, h.view(), "Change your number or email address", "+33 6 12 34 56 78", flow.SCANotApproved)
	h.golden()
	h.press(tea.KeyEscape)
	if h.step() != flow.StepKYC || h.app.c.st.Phone != typoPhone {
		t.Fatalf("esc after the wait: step %s phone %v", h.step(), h.app.c.st.Phone)
	}
}

// TestChangeWaitsForAPush: a push to the phone is waited on without a
// code to show; esc cancels the change and leaves the number as it was.
func TestChangeWaitsForAPush(t *testing.T) {
	f := flowtest.New().Registered(typoPhone, "S3cure-pass!")
	f.SCAPush = true
	st := loggedInWithTypo()
	h := newHarness(t, f, st, 80, 24)
	h.press(tea.KeyEscape)
	h.clear()
	h.typeText("+33 6 12 34 56 78")
	h.press(tea.KeyEnter)
	mustContain(t, h.view(), "The bank sent a request to its app on your phone", "Waiting for your approval", "esc cancel the change")
	if strings.Contains(h.view(), "join code") {
		t.Errorf("a push shows a join code:\n%s", h.view())
	}
	h.press(tea.KeyEscape)
	if h.step() != flow.StepKYC || h.app.c.st.Phone != typoPhone || h.app.c.st.SCA.ID != "" {
		t.Fatalf("after cancelling: step %s phone %v sca %+v", h.step(), h.app.c.st.Phone, h.app.c.st.SCA)
	}
}
