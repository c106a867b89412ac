package tui

import (
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/flow/flowtest"
)

// weavrFake is a fake provider that asks what Weavr asks.
func weavrFake() *flowtest.Fake {
	f := flowtest.New()
	f.NeedsOf = api.Needs{Names: true, Email: true, BirthDate: true, Country: true, LoginByEmail: true}
	return f
}

func weavrOpts(o *Options) { o.Plan = weavrPlan() }

// TestWeavrDetails: Weavr's register screen needs the names, the email and
// the date of birth, says so beside each missing one, and takes the
// country from the phone.
func TestWeavrDetails(t *testing.T) {
	f := weavrFake().Expect(flowtest.MRegister)
	h := newHarness(t, f, flow.State{Lang: "en", TermsAccepted: true, AcceptedTerms: "1.0"}, 80, 24, weavrOpts)
	if h.step() != flow.StepRegister {
		t.Fatalf("step %s, want register", h.step())
	}
	h.typeText("0612345678")
	h.press(tea.KeyEnter)
	if h.step() != flow.StepRegister {
		t.Fatal("registered without the names, email and date of birth")
	}
	mustContain(t, h.view(), "The provider needs your first name.")
	t.Run("missing", func(t *testing.T) { h.goldenAs(t) })
	h.typeText("Ada")
	h.press(tea.KeyTab)
	h.typeText("Lovelace")
	h.press(tea.KeyTab)
	h.typeText("ada@example.com")
	h.press(tea.KeyTab)
	h.typeText("2010-01-01")
	h.press(tea.KeyEnter)
	mustContain(t, h.view(), "You must be 18 or over")
	for range len("2010-01-01") {
		h.press(tea.KeyBackspace)
	}
	h.typeText("1990-12-10")
	h.press(tea.KeyEnter)
	st := h.app.c.st
	if h.step() != flow.StepCredentials || st.BirthDate != (api.Date{Year: 1990, Month: 12, Day: 10}) || st.Country != "FR" || st.FirstName != "Ada" {
		t.Fatalf("after registering: step %s, state %+v", h.step(), st)
	}
	t.Run("password without a secret", func(t *testing.T) { h.goldenAs(t) })
	if f.Calls(flowtest.MSendSecret) != 0 {
		t.Fatal("an SMS secret was sent; Weavr sets the password without one")
	}
	f.Verify(t)
}

// TestWeavrCodes: the email code, then the mobile code; a wrong code is
// said under the field and typed again, and the plan moves on to the KYC.
func TestWeavrCodes(t *testing.T) {
	f := weavrFake().Registered(frPhone, "Correct-Horse-9").Expect(flowtest.MSendCode, flowtest.MVerifyCode)
	h := newHarness(t, f, loggedIn(), 80, 24, weavrOpts)
	if h.step() != flow.StepEmailCode {
		t.Fatalf("step %s, want the email code", h.step())
	}
	h.typeText("111111")
	h.press(tea.KeyEnter)
	if h.step() != flow.StepEmailCode {
		t.Fatal("a wrong code was accepted")
	}
	t.Run("wrong email code", func(t *testing.T) { h.goldenAs(t) })
	h.typeText("123 456")
	h.press(tea.KeyEnter)
	if h.step() != flow.StepPhoneCode {
		t.Fatalf("step %s, want the mobile code", h.step())
	}
	t.Run("mobile code", func(t *testing.T) { h.goldenAs(t) })
	h.typeText("123456")
	h.press(tea.KeyEnter)
	if h.step() != flow.StepKYC {
		t.Fatalf("step %s, want the KYC", h.step())
	}
	if n := f.Calls(flowtest.MSendCode); n != 2 {
		t.Fatalf("%d codes sent, want one per channel", n)
	}
	f.Verify(t)
}

// TestWeavrLoginByEmail: a resumed Weavr run logs in with the email, and
// offers no "new password by SMS".
func TestWeavrLoginByEmail(t *testing.T) {
	st := loggedIn()
	st.Session = api.Session{}
	h := newHarness(t, weavrFake(), st, 80, 24, weavrOpts)
	if h.step() != flow.StepLogin {
		t.Fatalf("step %s, want login", h.step())
	}
	mustContain(t, h.view(), "Log in as ada@example.com")
	if v := h.view(); strings.Contains(v, "ctrl+n") {
		t.Fatalf("the login offers a new password by SMS:\n%s", v)
	}
	h.typeText("wrong-pass1!")
	h.press(tea.KeyEnter)
	mustContain(t, h.view(), "✗ That is not the password for this email address; type it again.")
	if v := h.view(); strings.Contains(v, "ctrl+n") || strings.Contains(v, "email address or the password") {
		t.Fatalf("a wrong password by email:\n%s", v)
	}
}

// TestWeavrEmailTaken: an email already registered at Weavr is said as
// such, with the way on (log in, or another address), and no SMS reset.
func TestWeavrEmailTaken(t *testing.T) {
	f := weavrFake().Registered(frPhone, "Correct-Horse-9")
	st := flow.State{Lang: "en", TermsAccepted: true, AcceptedTerms: "1.0", FirstName: "Ada", LastName: "Lovelace",
		Email: "ada@example.com", BirthDate: api.Date{Year: 1990, Month: 12, Day: 10}}
	h := newHarness(t, f, st, 80, 24, weavrOpts)
	h.typeText("0612345678")
	h.press(tea.KeyEnter)
	mustContain(t, h.view(), "This email address is already registered", "ada@example.com already has an account", "esc another email")
	if strings.Contains(h.view(), "SMS") {
		t.Fatalf("a Weavr screen offers an SMS reset:\n%s", h.view())
	}
	h.key('s')
	if h.step() != flow.StepRegister {
		t.Fatalf("s moved on to %s", h.step())
	}
	h.press(tea.KeyEscape)
	if h.app.screen.(*registerScreen).focus != fieldEmail {
		t.Fatal("esc (another email) does not put the cursor on the email")
	}
	h.press(tea.KeyEnter)
	h.key('l')
	if h.step() != flow.StepLogin {
		t.Fatalf("l went to %s, want login", h.step())
	}
}

// TestWeavrKYCRejectedForGood: when the provider gives no new link after a
// rejection, the KYC screen ends the run with the way on (support) instead
// of asking for links again and again.
func TestWeavrKYCRejectedForGood(t *testing.T) {
	f := weavrFake().Registered(frPhone, "Correct-Horse-9")
	f.RejectedForGood = true
	st := loggedIn()
	f.KYCScript = []api.KYCStatus{api.KYCCreated, api.KYCDeclined}
	st.EmailVerified, st.PhoneVerified = true, true
	st.KYC, st.KYCStatus = api.KYCLink{ID: "1", URL: "https://kyc.example/?reference=1"}, api.KYCCreated
	h := newHarness(t, f, st, 80, 24, weavrOpts)
	h.tick("poll") // the reviewer declines
	e, _, err := h.app.Ending()
	if e != EndFailed || !errors.Is(err, flow.ErrKYCRejected) || !h.quit {
		t.Fatalf("ending %v, %v, quit %v; want failed with ErrKYCRejected", e, err, h.quit)
	}
	if n := f.Calls(flowtest.MStartKYC); n != 1 {
		t.Fatalf("StartKYC called %d times, want once", n)
	}
}

// TestWeavrCodeSentMomentsAgo: a resumed run whose code went out seconds
// before the quit gets a 429 on the new send; the screen says to type the
// code already sent, not "no code was sent".
func TestWeavrCodeSentMomentsAgo(t *testing.T) {
	f := weavrFake().Registered(frPhone, "Correct-Horse-9").
		Fail(flowtest.MSendCode, &api.Error{Kind: api.KindRateLimited, Status: 429, RetryAfter: 20 * time.Second})
	// The progress it resumes from stopped at the email code's step.
	st := flow.ProgressOf("weavr", loggedIn(), flow.StepEmailCode, time.Now(), time.Now()).Restore(loggedIn())
	h := newHarness(t, f, st, 80, 24, weavrOpts)
	mustContain(t, h.view(), "moments ago; type that one")
	if strings.Contains(h.view(), "No code was sent") || strings.Contains(h.view(), "✗") {
		t.Fatalf("the screen calls the refused resend an error:\n%s", h.view())
	}
	h.typeText("123456")
	h.press(tea.KeyEnter)
	if h.step() != flow.StepPhoneCode {
		t.Fatalf("step %s, want the mobile code", h.step())
	}
	f.Verify(t)
}

// TestResumeWithinCooldown: a run resumed seconds after a code went out
// (the time is in the progress file) asks for no other, which the
// provider would refuse, and says when the one on its way was sent.
func TestResumeWithinCooldown(t *testing.T) {
	at := time.Date(2026, 11, 21, 9, 29, 50, 0, time.UTC) // 10 s before the harness's clock
	t.Run("sms secret", func(t *testing.T) {
		f := flowtest.New().Registered(frPhone, "")
		st := flow.State{Lang: "en", Phone: frPhone, ConsumerID: "cons_fake", Registered: true, TermsAccepted: true, AcceptedTerms: "1.0",
			SecretSentAt: at}
		h := newHarness(t, f, st, 80, 24)
		mustContain(t, h.view(), "Code sent to +33 6 12 34 56 78 at 09:29") // the person's own number, in full
		if n := f.Calls(flowtest.MSendSecret); n != 0 || strings.Contains(h.view(), "No code was sent") {
			t.Fatalf("SendSecret called %d times:\n%s", n, h.view())
		}
	})
	t.Run("email code", func(t *testing.T) {
		f := weavrFake().Registered(frPhone, "Correct-Horse-9")
		st := loggedIn()
		st.EmailSentAt = at
		h := newHarness(t, f, st, 80, 24, weavrOpts)
		mustContain(t, h.view(), "at 09:29")
		if n := f.Calls(flowtest.MSendCode); n != 0 {
			t.Fatalf("SendCode called %d times:\n%s", n, h.view())
		}
	})
}

// TestTooSoonWithNothingSent: a "too soon" when no code went out that the
// run knows of is only the provider asking to slow down (flow's rule, as
// in line mode): the send is tried again after the wait, and the screen
// does not tell the person to type a code nobody sent.
func TestTooSoonWithNothingSent(t *testing.T) {
	f := weavrFake().Registered(frPhone, "Correct-Horse-9").
		Fail(flowtest.MSendCode, &api.Error{Kind: api.KindRateLimited, Status: 429, RetryAfter: 20 * time.Second})
	h := newHarness(t, f, loggedIn(), 80, 24, weavrOpts)
	mustContain(t, h.view(), "slow down; trying again")
	if strings.Contains(h.view(), "moments ago") {
		t.Fatalf("the screen says a code is on its way though none was sent:\n%s", h.view())
	}
	h.tick("retry")
	if n := f.Calls(flowtest.MSendCode); n != 2 {
		t.Fatalf("SendCode called %d times, want a second try after the wait", n)
	}
}
