package tui

import (
	"context"
	"errors"
	"fmt"
	"github.com/charmbracelet/x/ansi"
	"strings"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api/sandbox/outbox"

	tea "charm.land/bubbletea/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/flow/flowtest"
)

var frPhone = api.Phone{CallingCode: "33", National: "612345678"}

// at returns states that stand on each step of LinkCy's plan.
func loggedIn() flow.State {
	return flow.State{Lang: "en", Phone: frPhone, ConsumerID: "cons_fake", Registered: true, PasswordSet: true,
		TermsAccepted: true, AcceptedTerms: "1.0", Email: "ada@example.com",
		Session: api.Session{Token: "access-0", RefreshToken: "refresh-0", ConsumerID: "cons_fake"}}
}

func mustContain(t *testing.T, view string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(view, w) {
			t.Errorf("the screen lacks %q:\n%s", w, view)
		}
	}
}

func TestTerms(t *testing.T) {
	f := flowtest.New().Expect(flowtest.MTerms)
	h := newHarness(t, f, flow.State{}, 80, 24)
	if h.step() != flow.StepTerms {
		t.Fatalf("step %s, want terms", h.step())
	}
	h.golden()
	h.key('a')
	if h.step() != flow.StepRegister || h.app.c.st.AcceptedTerms != "1.0" {
		t.Fatalf("after accepting: step %s, accepted %q", h.step(), h.app.c.st.AcceptedTerms)
	}
	f.Verify(t)
}

func TestTermsDeclined(t *testing.T) {
	h := newHarness(t, flowtest.New(), flow.State{}, 80, 24)
	h.key('d')
	h.golden()
	h.press(tea.KeyEscape)
	mustContain(t, h.view(), "Press a to accept")
	h.key('d')
	h.key('q')
	if e, _, err := h.app.Ending(); e != EndDeclined || err == nil || !h.quit {
		t.Fatalf("ending %v, %v, quit %v; want declined with a reason, and gone", e, err, h.quit)
	}
	// The reason is the command's to say once the screen is gone; the
	// last frame is blank, so nothing of it can stay over the shell.
	if v := h.view(); strings.TrimSpace(v) != "" {
		t.Errorf("the last frame is not blank:\n%s", v)
	}
}

// unavailable is connection trouble n times over.
func unavailable(n int) []error {
	errs := make([]error, n)
	for i := range errs {
		errs[i] = &api.Error{Kind: api.KindUnavailable, Status: 503}
	}
	return errs
}

// troubleOutlasts fires the retry ticks until the wizard gives up trying
// by itself (flow.ActionTries), checking that it says it is retrying.
func troubleOutlasts(t *testing.T, h *harness) {
	t.Helper()
	for range flow.ActionTries - 1 {
		mustContain(t, h.view(), "Connection trouble; retrying in")
		h.tick("retry")
	}
}

func TestTermsLoadFailsThenRetries(t *testing.T) {
	t.Run("once: tried again by itself", func(t *testing.T) {
		f := flowtest.New().Fail(flowtest.MTerms, unavailable(1)...)
		h := newHarness(t, f, flow.State{}, 80, 24)
		mustContain(t, h.view(), "Connection trouble; retrying in 1 s.")
		h.tick("retry")
		mustContain(t, h.view(), "Terms and conditions", "version 1.0")
		if strings.Contains(h.view(), "Connection trouble") {
			t.Errorf("the trouble is still said once it is over:\n%s", h.view())
		}
		f.Verify(t)
	})
	t.Run("slow down: waited out, as line mode does", func(t *testing.T) {
		f := flowtest.New().Fail(flowtest.MTerms, &api.Error{Kind: api.KindRateLimited, Status: 429, RetryAfter: 3 * time.Second})
		h := newHarness(t, f, flow.State{}, 80, 24)
		mustContain(t, h.view(), "The provider asks to slow down; trying again in 3 s.")
		h.tick("retry")
		mustContain(t, h.view(), "Terms and conditions", "version 1.0")
		f.Verify(t)
	})
	t.Run("lasting: enter tries again", func(t *testing.T) {
		f := flowtest.New().Fail(flowtest.MTerms, unavailable(flow.ActionTries)...)
		h := newHarness(t, f, flow.State{}, 80, 24)
		troubleOutlasts(t, h)
		mustContain(t, h.view(), "The terms could not be loaded", "Cannot reach the provider", "enter try again")
		h.press(tea.KeyEnter)
		mustContain(t, h.view(), "Terms and conditions", "version 1.0")
		f.Verify(t)
	})
}

func TestRegister(t *testing.T) {
	st := flow.State{TermsAccepted: true, AcceptedTerms: "1.0"}
	t.Run("empty", func(t *testing.T) {
		h := newHarness(t, flowtest.New(), st, 80, 24)
		h.golden()
	})
	t.Run("valid", func(t *testing.T) {
		h := newHarness(t, flowtest.New(), st, 80, 24)
		h.typeText("06 12 34 56 78")
		h.golden()
	})
	t.Run("partial", func(t *testing.T) {
		h := newHarness(t, flowtest.New(), st, 80, 24)
		h.typeText("06 12")
		mustContain(t, h.view(), "keep typing")
		h.press(tea.KeyEnter)
		mustContain(t, h.view(), "This is not a valid number for the country chosen")
		if h.fake.Calls(flowtest.MRegister) != 0 {
			t.Fatal("an invalid number reached the provider")
		}
	})
	t.Run("picker", func(t *testing.T) {
		h := newHarness(t, flowtest.New(), st, 80, 24)
		h.press(tea.KeyTab, tea.ModShift)
		h.typeText("united")
		h.golden()
		h.press(tea.KeyDown)
		h.press(tea.KeyDown)
		h.press(tea.KeyEnter)
		mustContain(t, h.view(), "United States +1")
		h.typeText("202 555 0143")
		mustContain(t, h.view(), "✓ +1 202-555-0143")
	})
	t.Run("a wrong country, then the right one", func(t *testing.T) {
		h := newHarness(t, flowtest.New(), st, 80, 24)
		h.typeText("202 555 0143") // a US number, with France chosen
		h.press(tea.KeyEnter)
		mustContain(t, h.view(), "This is not a valid number for the country chosen")
		h.press(tea.KeyTab, tea.ModShift)
		h.typeText("+1")
		h.press(tea.KeyEnter)
		mustContain(t, h.view(), "United States +1", "✓ +1 202-555-0143")
		if strings.Contains(h.view(), "not a valid number") {
			t.Errorf("the error stays after the country changed:\n%s", h.view())
		}
	})
	t.Run("shift+tab goes round backwards", func(t *testing.T) {
		h := newHarness(t, flowtest.New(), st, 80, 24)
		h.press(tea.KeyTab, tea.ModShift) // number → country
		h.press(tea.KeyTab, tea.ModShift) // country → email
		mustContain(t, h.view(), "› Email", "France +33")
	})
	t.Run("calling code filter", func(t *testing.T) {
		h := newHarness(t, flowtest.New(), st, 80, 24)
		h.press(tea.KeyTab, tea.ModShift)
		h.typeText("+49")
		h.press(tea.KeyEnter)
		mustContain(t, h.view(), "Germany +49")
	})
	t.Run("international number moves the picker", func(t *testing.T) {
		h := newHarness(t, flowtest.New(), st, 80, 24)
		h.typeText("+44 7400 123456")
		mustContain(t, h.view(), "United Kingdom +44", "✓ +44 7400 123456")
	})
	t.Run("registers", func(t *testing.T) {
		f := flowtest.New().Expect(flowtest.MRegister, flowtest.MSendSecret)
		h := newHarness(t, f, st, 80, 24)
		h.typeText("0612345678")
		h.press(tea.KeyTab)
		h.typeText("Ada")
		h.press(tea.KeyTab)
		h.press(tea.KeyTab)
		h.typeText("ada@example")
		h.press(tea.KeyEnter)
		mustContain(t, h.view(), "This is not an email address")
		h.typeText(".com")
		h.press(tea.KeyEnter)
		if h.step() != flow.StepCredentials {
			t.Fatalf("step %s, want credentials", h.step())
		}
		if s := h.app.c.st; s.FirstName != "Ada" || s.Email != "ada@example.com" || s.Phone != frPhone {
			t.Fatalf("state %+v", s)
		}
		f.Verify(t)
	})
	t.Run("taken", func(t *testing.T) {
		f := flowtest.New().Registered(frPhone, "S3cure-pass!")
		h := newHarness(t, f, st, 80, 24)
		h.typeText("06 12 34 56 78")
		h.press(tea.KeyEnter)
		h.golden()
		h.key('l')
		if h.step() != flow.StepLogin {
			t.Fatalf("step %s, want login", h.step())
		}
	})
	t.Run("taken, new password", func(t *testing.T) {
		f := flowtest.New().Registered(frPhone, "S3cure-pass!")
		h := newHarness(t, f, st, 80, 24)
		h.typeText("06 12 34 56 78")
		h.press(tea.KeyEnter)
		h.key('s')
		if h.step() != flow.StepCredentials {
			t.Fatalf("step %s, want credentials", h.step())
		}
	})
}

func TestCredentials(t *testing.T) {
	st := flow.State{TermsAccepted: true, AcceptedTerms: "1.0", Phone: frPhone, Registered: true, ConsumerID: "cons_fake"}
	t.Run("secret", func(t *testing.T) {
		h := newHarness(t, flowtest.New(), st, 80, 24)
		h.typeText("123")
		h.golden()
		h.press(tea.KeyEnter)
		mustContain(t, h.view(), "The code has 6 digits; this has 3")
	})
	t.Run("pasted with a space, wrong, then right", func(t *testing.T) {
		f := flowtest.New().Registered(frPhone, "").Expect(flowtest.MSetPassword, flowtest.MSnapshot)
		h := newHarness(t, f, st, 80, 24)
		h.send(tea.PasteMsg{Content: "654 321"})
		h.press(tea.KeyEnter)
		h.typeText("S3cure-pa")
		h.golden() // the password stage: masked, rules ticking
		h.answer("ss!", "S3cure-pass!")
		mustContain(t, h.view(), "That code is not right", "(wrong code). Type the code")
		h.send(tea.PasteMsg{Content: "123 456"})
		h.press(tea.KeyEnter) // the kept password goes with the code
		if h.step() != flow.StepKYC {
			t.Fatalf("step %s, want kyc:\n%s", h.step(), h.view())
		}
		if strings.Contains(h.view(), "S3cure") {
			t.Fatal("the password is on the screen")
		}
		f.Verify(t)
	})
	t.Run("every rule in sight at 60x20", func(t *testing.T) {
		h := newHarness(t, flowtest.New(), st, 60, 20)
		h.typeText("123456")
		h.press(tea.KeyEnter)
		h.typeText("abc")
		h.press(tea.KeyEnter) // refused: its sentence takes two lines more
		h.app.c.height = 14   // what the sandbox phone's strip leaves at 60×20
		view := ansi.Strip(h.app.screen.View())
		if n := strings.Count(view, "\n") + 1; n > 14 {
			t.Errorf("the screen takes %d lines of 14:\n%s", n, view)
		}
		for _, r := range flow.PasswordRules() {
			mustContain(t, view, r) // the last two were below the window
		}
	})
	t.Run("passwords differ", func(t *testing.T) {
		h := newHarness(t, flowtest.New(), st, 80, 24)
		h.answer("123456", "S3cure-pass!", "S3cure-pass?")
		mustContain(t, h.view(), "The two passwords differ")
	})
	t.Run("resend waits for the cooldown", func(t *testing.T) {
		f := flowtest.New()
		h := newHarness(t, f, st, 80, 24)
		h.ctrl('r')
		if n := f.Calls(flowtest.MSendSecret); n != 1 {
			t.Fatalf("%d sends during the cooldown", n)
		}
		mustContain(t, h.view(), "new code in 30 s", "Valid for 5:00", "A new code can be sent in 30 s.") // said, not only in the footer
		h.clock.Advance(31 * 1e9)
		h.ctrl('r')
		if n := f.Calls(flowtest.MSendSecret); n != 2 {
			t.Fatalf("%d sends after the cooldown, want 2", n)
		}
		mustContain(t, h.view(), "Valid for 5:00")
	})
	t.Run("too many wrong tries, then a new code", func(t *testing.T) {
		burned := &api.Error{Kind: api.KindTooManyAttempts, Status: 429, Err: api.ErrTooManyAttempts}
		wrong := &api.Error{Kind: api.KindInvalidCode, Status: 400, Err: api.ErrInvalidCode}
		f := flowtest.New().Fail(flowtest.MSetPassword, burned, wrong)
		h := newHarness(t, f, st, 80, 24)
		h.answer("654321", "S3cure-pass!", "S3cure-pass!")
		mustContain(t, h.view(), "Too many wrong tries", "It no longer works: press ctrl+r")
		if strings.Contains(h.view(), "Valid for") {
			t.Errorf("a burned code still counts down:\n%s", h.view())
		}
		h.typeText("654321") // again, on the burned code: refused as wrong
		h.press(tea.KeyEnter)
		if strings.Contains(h.view(), "Valid for") {
			t.Errorf("a later refusal brought the burned code's countdown back:\n%s", h.view())
		}
		h.clock.Advance(31 * 1e9)
		h.ctrl('r')
		if strings.Contains(h.view(), "Too many wrong tries") || !strings.Contains(h.view(), "Valid for 5:00") {
			t.Errorf("after a new code, the old one's refusal stays:\n%s", h.view())
		}
	})
	t.Run("a failed send starts no cooldown", func(t *testing.T) {
		f := flowtest.New().Fail(flowtest.MSendSecret, unavailable(flow.ActionTries)...)
		h := newHarness(t, f, st, 80, 24)
		troubleOutlasts(t, h)
		mustContain(t, h.view(), "No code was sent yet", "Cannot reach the provider")
		h.ctrl('r')
		if n := f.Calls(flowtest.MSendSecret); n != flow.ActionTries+1 {
			t.Fatalf("%d sends, want %d", n, flow.ActionTries+1)
		}
		f.Verify(t)
	})
	t.Run("show and hide", func(t *testing.T) {
		h := newHarness(t, flowtest.New(), st, 80, 24)
		h.typeText("123456")
		mustContain(t, h.view(), "••••••")
		h.ctrl('t')
		mustContain(t, h.view(), "123456")
	})
}

func TestLogin(t *testing.T) {
	st := loggedIn()
	st.Session = api.Session{}
	f := flowtest.New().Registered(frPhone, "S3cure-pass!")
	h := newHarness(t, f, st, 80, 24)
	if h.step() != flow.StepLogin {
		t.Fatalf("step %s, want login", h.step())
	}
	h.typeText("wrong-pass1!")
	h.press(tea.KeyEnter)
	h.golden()
	// The refusal is the password's, under its field: the number shown
	// above cannot be changed here. It goes with the next key.
	if v := h.view(); strings.Contains(v, "phone number or the password") {
		t.Errorf("the login blames a number it cannot change:\n%s", v)
	}
	h.typeText("S")
	if strings.Contains(h.view(), "That is not the password") {
		t.Error("the refusal stays while a new password is typed")
	}
	h.press(tea.KeyBackspace)
	h.press(tea.KeyEnter) // nothing typed: said under the field too, not in the banner
	if v := h.view(); !strings.Contains(v, "› Password") || !strings.Contains(v, "✗ Type your password, or press ctrl+n") ||
		strings.Index(v, "✗ Type your password") < strings.Index(v, "› Password") || strings.Contains(v, "Forgot it?") {
		t.Errorf("enter on no password (ctrl+n said once):\n%s", v)
	}
	h.typeText("S3cure-pass!")
	h.press(tea.KeyEnter)
	if h.step() != flow.StepKYC {
		t.Fatalf("step %s, want kyc", h.step())
	}
}

func TestLoginForgotten(t *testing.T) {
	st := loggedIn()
	st.Session = api.Session{}
	h := newHarness(t, flowtest.New().Registered(frPhone, "x"), st, 80, 24)
	h.ctrl('n')
	if h.step() != flow.StepCredentials {
		t.Fatalf("step %s, want credentials", h.step())
	}
}

func TestKYC(t *testing.T) {
	t.Run("qr", func(t *testing.T) {
		f := flowtest.New().Registered(frPhone, "x")
		f.KYCScript = []api.KYCStatus{api.KYCCreated}
		h := newHarness(t, f, loggedIn(), 80, 24)
		h.golden()
		h.tick("poll")
		if h.fake.Calls(flowtest.MKYCStatus) != 1 {
			t.Fatal("no poll")
		}
	})
	t.Run("no room for the qr: the link whole", func(t *testing.T) {
		f := flowtest.New().Registered(frPhone, "x")
		f.KYCScript = []api.KYCStatus{api.KYCCreated}
		f.KYCURL = "https://kyc.example/session/" + strings.Repeat("a1b2c3d4", 10) // wider than the window
		h := newHarness(t, f, loggedIn(), 60, 20)
		v := h.view()
		mustContain(t, v, "too small for the QR code")
		if !strings.Contains(strings.ReplaceAll(v, "\n", ""), f.KYCURL) || strings.Contains(v, "…") {
			t.Errorf("the link, the only way on, is not whole:\n%s", v)
		}
	})
	t.Run("qr drawn once per link", func(t *testing.T) {
		f := flowtest.New().Registered(frPhone, "x")
		f.KYCScript = []api.KYCStatus{api.KYCCreated, api.KYCProcessing, api.KYCDeclined, api.KYCCreated}
		h := newHarness(t, f, loggedIn(), 80, 24)
		first := &h.app.screen.(*kycScreen).codes[0]
		h.tick("poll")
		h.app.Update(tea.WindowSizeMsg{Width: 90, Height: 30})
		_ = h.view()
		if &h.app.screen.(*kycScreen).codes[0] != first {
			t.Fatal("the QR code was drawn again for the same link")
		}
		for i := 0; i < 3 && f.Calls(flowtest.MStartKYC) < 2; i++ {
			h.tick("poll") // till declined: a new link, a new code
		}
		if f.Calls(flowtest.MStartKYC) != 2 || &h.app.screen.(*kycScreen).codes[0] == first {
			t.Fatal("a new link kept the old QR code")
		}
	})
	t.Run("nothing kept: no resume promised", func(t *testing.T) {
		f := flowtest.New().Registered(frPhone, "x")
		f.KYCScript = []api.KYCStatus{api.KYCCreated}
		h := newHarness(t, f, loggedIn(), 80, 24, func(o *Options) { o.Save = nil }) // a demo, an SSH session
		v := h.view()
		mustContain(t, v, "q stop here")
		if strings.Contains(v, "resume later") {
			t.Errorf("a run that keeps nothing promises a resume:\n%s", v)
		}
	})
	t.Run("too small for the qr", func(t *testing.T) {
		f := flowtest.New().Registered(frPhone, "x")
		f.KYCScript = []api.KYCStatus{api.KYCCreated}
		h := newHarness(t, f, loggedIn(), 60, 20)
		h.golden()
	})
	t.Run("approved after review", func(t *testing.T) {
		f := flowtest.New().Registered(frPhone, "x").Expect(flowtest.MStartKYC)
		f.KYCScript = []api.KYCStatus{api.KYCProcessing, api.KYCPendingReview, api.KYCApproved}
		h := newHarness(t, f, loggedIn(), 80, 24)
		h.tick("poll")
		mustContain(t, h.view(), "Done on your side")
		h.tick("poll")
		mustContain(t, h.view(), "A person is reviewing")
		h.tick("poll")
		mustContain(t, h.view(), "✓ Your identity is verified")
		h.tick("approved") // a beat on screen, then on

		if h.step() != flow.StepEmail {
			t.Fatalf("step %s, want email:\n%s", h.step(), h.view())
		}
		f.Verify(t)
	})
	t.Run("declined gets a new link", func(t *testing.T) {
		f := flowtest.New().Registered(frPhone, "x")
		f.KYCScript = []api.KYCStatus{api.KYCDeclined, api.KYCCreated}
		h := newHarness(t, f, loggedIn(), 80, 24)
		h.tick("poll")
		if n := f.Calls(flowtest.MStartKYC); n != 2 {
			t.Fatalf("%d links, want 2", n)
		}
		mustContain(t, h.view(), "The last check was declined", "Waiting for you")
	})
	t.Run("connection trouble keeps polling", func(t *testing.T) {
		f := flowtest.New().Registered(frPhone, "x").Fail(flowtest.MKYCStatus, &api.Error{Kind: api.KindUnavailable, Status: 502})
		f.KYCScript = []api.KYCStatus{api.KYCCreated}
		h := newHarness(t, f, loggedIn(), 80, 24)
		h.tick("poll")
		mustContain(t, h.view(), "Connection trouble")
		h.tick("poll")
		if n := f.Calls(flowtest.MKYCStatus); n < 2 {
			t.Fatalf("%d polls; a 502 must not stop the wait", n)
		}
		f.Verify(t)
	})
	t.Run("declined three times", func(t *testing.T) {
		f := flowtest.New().Registered(frPhone, "x")
		f.KYCScript = []api.KYCStatus{api.KYCDeclined}
		h := newHarness(t, f, loggedIn(), 80, 24)
		for range 3 {
			h.tick("poll")
		}
		e, _, err := h.app.Ending()
		if e != EndFailed || err == nil || !strings.Contains(err.Error(), "declined 3 times; contact the bank's support") || !h.quit {
			t.Fatalf("ending %v, %v, quit %v", e, err, h.quit)
		}
		if n := f.Calls(flowtest.MStartKYC); n != 3 {
			t.Fatalf("%d links, want 3", n)
		}
	})
	t.Run("no link yet: enter asks again", func(t *testing.T) {
		f := flowtest.New().Registered(frPhone, "x").Fail(flowtest.MStartKYC, unavailable(flow.ActionTries)...)
		f.KYCScript = []api.KYCStatus{api.KYCCreated}
		h := newHarness(t, f, loggedIn(), 80, 24)
		troubleOutlasts(t, h)
		mustContain(t, h.view(), "Cannot reach the provider", "Press enter to try again")
		h.press(tea.KeyEnter)
		if n := f.Calls(flowtest.MStartKYC); n != flow.ActionTries+1 || f.Calls(flowtest.MKYCStatus) != 0 {
			t.Fatalf("%d link requests and %d polls; want a second link request and no poll without a link", n, f.Calls(flowtest.MKYCStatus))
		}
		mustContain(t, h.view(), "https://kyc.example/session/abc123")
		f.Verify(t)
	})
	t.Run("stop and resume later", func(t *testing.T) {
		f := flowtest.New().Registered(frPhone, "x")
		f.KYCScript = []api.KYCStatus{api.KYCPendingReview}
		h := newHarness(t, f, loggedIn(), 80, 24)
		h.tick("poll")
		mustContain(t, h.view(), "A person is reviewing your documents")
		h.key('q')
		if e, _, _ := h.app.Ending(); e != EndWaiting || !h.quit {
			t.Fatalf("ending %v, quit %v", e, h.quit)
		}
	})
}

func TestEmail(t *testing.T) {
	st := loggedIn()
	st.KYCStatus = api.KYCApproved
	f := flowtest.New().Registered(frPhone, "x").WithKYC(api.KYCApproved).Expect(flowtest.MSendEmail)
	f.EmailAfter = 1000 // not yet
	h := newHarness(t, f, st, 80, 24)
	if h.step() != flow.StepEmail {
		t.Fatalf("step %s, want email", h.step())
	}
	mustContain(t, h.view(), "ada@example.com")
	h.press(tea.KeyEnter)
	h.golden()
	f.EmailAfter = 0
	h.tick("poll")
	h.tick("verified")
	if h.step() != flow.StepDone {
		t.Fatalf("step %s, want done", h.step())
	}
}

func TestEmailChangeAddress(t *testing.T) {
	st := loggedIn()
	st.KYCStatus = api.KYCApproved
	f := flowtest.New().Registered(frPhone, "x").WithKYC(api.KYCApproved)
	f.EmailAfter = 1000
	h := newHarness(t, f, st, 80, 24)
	h.press(tea.KeyEnter)
	h.press(tea.KeyEscape)
	mustContain(t, h.view(), "› Email")
	f.Verify(t)
}

func TestDone(t *testing.T) {
	st := loggedIn()
	st.KYCStatus, st.EmailVerified = api.KYCApproved, true
	st.Snapshot.Statuses = []api.StatusItem{{Name: "overall", Value: "ACTIVE"}, {Name: "kyc", Value: "APPROVED"}}
	st.Snapshot.Account = api.AccountActive
	f := flowtest.New().Registered(frPhone, "x")
	h := newHarness(t, f, st, 80, 24)
	if h.step() != flow.StepDone {
		t.Fatalf("step %s, want done", h.step())
	}
	h.golden()
	st.Snapshot.Account = api.AccountSuspended
	if v := newHarness(t, f, st, 80, 24).view(); strings.Contains(v, "verified customer") || !strings.Contains(v, "contact the bank") {
		t.Errorf("every step done on a suspended account:\n%s", v)
	}
	h.press(tea.KeyEnter)
	if e, _, _ := h.app.Ending(); e != EndDone || !h.quit {
		t.Fatalf("ending %v", e)
	}
	// ctrl+c on the last screen finishes too: nothing is left to resume
	// (it said "Progress saved" and the next run resumed a done onboarding).
	c := newHarness(t, f, st, 80, 24)
	c.ctrl('c')
	if e, _, _ := c.app.Ending(); e != EndDone || !c.quit {
		t.Fatalf("ctrl+c on the last screen: ending %v", e)
	}
}

func TestTooSmall(t *testing.T) {
	h := newHarness(t, flowtest.New(), flow.State{}, 50, 15)
	h.golden()
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	mustContain(t, h.view(), "Terms and conditions")
}

func TestCtrlCSavesAndInterrupts(t *testing.T) {
	var saved []flow.Step
	h := newHarness(t, flowtest.New(), flow.State{}, 80, 24, func(o *Options) {
		o.Save = func(_ flow.State, s flow.Step) error { saved = append(saved, s); return nil }
	})
	h.ctrl('c')
	if e, _, _ := h.app.Ending(); e != EndInterrupted || !h.quit {
		t.Fatalf("ending %v, quit %v", e, h.quit)
	}
	if len(saved) == 0 || saved[len(saved)-1] != flow.StepTerms {
		t.Fatalf("saved %v", saved)
	}
}

func TestSaveErrorIsSaidOnce(t *testing.T) {
	h := newHarness(t, flowtest.New(), flow.State{}, 80, 24, func(o *Options) {
		o.Save = func(flow.State, flow.Step) error { return errors.New("disk full") }
	})
	mustContain(t, h.view(), "Could not save progress (disk full)")
}

func TestBackgroundColour(t *testing.T) {
	h := newHarness(t, flowtest.New(), flow.State{}, 80, 24, func(o *Options) { o.Theme = "" })
	if !h.app.c.styles.IsDark() {
		t.Fatal("dark is the default until the terminal answers")
	}
	h.send(tea.BackgroundColorMsg{Color: lightGrey{}})
	if h.app.c.styles.IsDark() {
		t.Fatal("a light background must give light styles")
	}
}

// lightGrey is a light background colour.
type lightGrey struct{}

func (lightGrey) RGBA() (r, g, b, a uint32) { return 0xeeee, 0xeeee, 0xeeee, 0xffff }

// fakeOutbox is a sandbox outbox with fixed messages.
type fakeOutbox []outbox.Message

func (f fakeOutbox) Messages(_ context.Context, recipient string, since int64) ([]outbox.Message, error) {
	var out []outbox.Message
	for _, m := range f {
		if m.ID > since && (recipient == "" || m.Recipient == recipient) {
			out = append(out, m)
		}
	}
	return out, nil
}

func TestSandboxPhone(t *testing.T) {
	st := flow.State{TermsAccepted: true, AcceptedTerms: "1.0", Phone: frPhone, Registered: true, Email: "ada@example.com"}
	at := time.Date(2026, 11, 21, 9, 30, 0, 0, time.UTC)
	ob := fakeOutbox{
		{ID: 1, Channel: "sms", Recipient: "+447400123456", Text: "someone else's code is 111111", Time: at},
		{ID: 2, Channel: "email", Recipient: "ada@example.com", Text: "Open this link", Link: "http://127.0.0.1:1/sandbox/email/tok", Time: at.Add(-time.Hour)},
		{ID: 3, Channel: "sms", Recipient: "+33612345678", Text: "onboard-sandbox: hello from the sandbox", Time: at},
	}
	for _, size := range []struct{ w, h int }{{120, 30}, {80, 24}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			h := newHarness(t, flowtest.New().Registered(frPhone, ""), st, size.w, size.h, func(o *Options) {
				o.Outbox, o.Sandbox = ob, true
			})
			v := h.view()
			if strings.Contains(v, "111111") {
				t.Fatal("the sandbox phone shows a message to another number")
			}
			// The strip (80 columns) shows what came during this step, not the
			// hour-old email; the side panel shows both.
			h.golden()
		})
	}
}

func TestPollsDoNotRewriteProgress(t *testing.T) {
	f := flowtest.New().Registered(frPhone, "x")
	f.KYCScript = []api.KYCStatus{api.KYCCreated}
	saves := 0
	h := newHarness(t, f, loggedIn(), 80, 24, func(o *Options) {
		o.Save = func(flow.State, flow.Step) error { saves++; return nil }
	})
	before := saves
	for range 3 {
		h.tick("poll")
	}
	if saves != before || before == 0 {
		t.Fatalf("%d writes before the polls, %d after; polls change nothing the progress file keeps", before, saves)
	}
}

// TestUnauthorizedMidWait: a 401 while the KYC is followed refreshes the
// session once and tries again; a second 401 goes to the login step, with
// everything done before kept (no step goes back).
func TestUnauthorizedMidWait(t *testing.T) {
	unauthorized := func() error { return &api.Error{Kind: api.KindUnauthorized, Status: 401} }
	t.Run("refreshed once", func(t *testing.T) {
		f := flowtest.New().Registered(frPhone, "x").Fail(flowtest.MKYCStatus, unauthorized())
		f.KYCScript = []api.KYCStatus{api.KYCCreated, api.KYCPendingReview}
		h := newHarness(t, f, loggedIn(), 80, 24)
		h.tick("poll")
		if h.step() != flow.StepKYC || f.Calls(flowtest.MRefresh) != 1 {
			t.Fatalf("step %v after %d refreshes; want the KYC after one", h.step(), f.Calls(flowtest.MRefresh))
		}
		h.tick("poll")
		mustContain(t, h.view(), "A person is reviewing your documents")
	})
	t.Run("then the login", func(t *testing.T) {
		f := flowtest.New().Registered(frPhone, "x").Fail(flowtest.MKYCStatus, unauthorized(), unauthorized())
		f.KYCScript = []api.KYCStatus{api.KYCCreated}
		h := newHarness(t, f, loggedIn(), 80, 24)
		h.tick("poll")
		if h.step() != flow.StepLogin {
			t.Fatalf("step %v after two 401s; want the login", h.step())
		}
		st := h.app.c.st
		if !st.TermsAccepted || !st.Registered || !st.PasswordSet || st.Session.Token != "" {
			t.Fatalf("state after the lapsed session: %+v", st)
		}
	})
}

// TestNoPlan: a wizard given no plan fails and says so; it never reaches
// "You are a verified customer" with nothing done.
func TestNoPlan(t *testing.T) {
	app := New(context.Background(), Options{Engine: flow.Engine{P: flowtest.New()}, Tick: noTimers, Theme: "dark"})
	m, ok := app.Init()().(endMsg)
	if !ok || m.ending != EndFailed || m.err == nil || !strings.Contains(m.err.Error(), "no plan") {
		t.Fatalf("Init gave %#v, want a failed ending that says there is no plan", m)
	}
}

// TestDoneWraps: at 80×24 and 60×20 the last screen's long values and
// FinHub's statuses wrap at spaces (internal/wrap), under their column,
// and no word, address or id is cut.
func TestDoneWraps(t *testing.T) {
	st := loggedIn()
	st.KYCStatus, st.EmailVerified = api.KYCApproved, true
	st.Email = "augusta.ada.lovelace@analytical-engine.example"
	st.ConsumerID = "469ade1f-eb39-4b26-b479-285d298ad0f3"
	st.Snapshot.Statuses = []api.StatusItem{{Name: "customer", Value: "CS_ACTIVE"}, {Name: "verification", Value: "APPROVED"},
		{Name: "missing consents", Value: "none"}, {Name: "risk", Value: "MEDIUM"}}
	st.Snapshot.Account = api.AccountActive
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			h := newHarness(t, flowtest.New().Registered(frPhone, "x"), st, size[0], size[1])
			v := h.view()
			for _, word := range []string{st.Email, st.ConsumerID, "approved", "missing consents none", "CS_ACTIVE"} {
				if !strings.Contains(v, word) {
					t.Errorf("%q is cut:\n%s", word, v)
				}
			}
			h.goldenAs(t)
		})
	}
}
