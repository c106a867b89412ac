package tui

import (
	"context"
	"github.com/onboard-cli/onboard/api/sandbox/outbox"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/flow/flowtest"
)

// TestWholeWizard runs the real program, with the real LinkCy client,
// against the sandbox over HTTP: every screen, from nothing to a verified
// customer, the way a person would type it.
func TestWholeWizard(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	phone := env.Phone()
	saves := make(chan flow.Step, 100)
	app := New(context.Background(), Options{
		Engine: flow.Engine{P: env.LinkCyProvider(), Now: env.Clock.Now}, Plan: linkcyPlan(),
		State: flow.State{Lang: "en"}, Region: "FR", Theme: "dark", Now: env.Clock.Now,
		Policy:  flow.Policy{Initial: 5 * time.Millisecond, Factor: 1.5, Max: 20 * time.Millisecond, Deadline: time.Minute},
		Sandbox: true, Outbox: phone, OutboxEvery: 10 * time.Millisecond,
		SecretTTL: sandbox.DefaultSecretTTL, ResendCooldown: sandbox.DefaultResendCooldown,
		Save: func(_ flow.State, s flow.Step) error {
			select {
			case saves <- s:
			default:
			}
			return nil
		},
	})
	tm := teatest.NewTestModel(t, app, teatest.WithInitialTermSize(80, 24),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	ctx := context.Background()
	// waitFor waits until every marker was drawn. WaitFor consumes what it
	// reads, so markers that may come in one chunk are awaited together.
	waitFor := func(markers ...string) string {
		t.Helper()
		var seen string
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
			seen = string(b)
			for _, m := range markers {
				if !strings.Contains(seen, m) {
					return false
				}
			}
			return true
		}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
		return seen
	}
	enter := func() { tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter}) }

	waitFor("Terms and conditions")
	tm.Type("a")
	waitFor("Your mobile number")
	tm.Type("06 12 34 56 78")
	for range 3 {
		tm.Send(tea.KeyPressMsg{Code: tea.KeyTab})
	}
	tm.Type("ada@example.com")
	enter()
	waitFor("Code sent to +33 6", "sandbox phone") // the SMS shows on the sandbox phone
	sms, err := phone.Last(ctx, "+33612345678", outbox.HasSecret)
	if err != nil {
		t.Fatal(err)
	}
	tm.Type(sms.Secret[:3] + " " + sms.Secret[3:])
	enter()
	tm.Type("S3cure-pass!")
	enter()
	tm.Type("S3cure-pass!")
	enter()
	out := waitFor("/sandbox/kyc/")
	link := regexp.MustCompile(`http://127\.0\.0\.1:\d+/sandbox/kyc/[A-Za-z0-9_-]+`).FindString(out)
	if link == "" {
		t.Fatalf("no KYC link on the screen:\n%s", out)
	}
	if err := phone.Press(ctx, link, "approve"); err != nil {
		t.Fatal(err)
	}
	waitFor("Confirm your email address")
	enter()
	waitFor("Waiting for the click")
	mail, err := phone.Last(ctx, "ada@example.com", outbox.HasLink)
	if err != nil {
		t.Fatal(err)
	}
	if err := phone.Open(ctx, mail.Link); err != nil {
		t.Fatal(err)
	}
	waitFor("You are a verified customer")
	enter()
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	ending, st, _ := app.Ending()
	if ending != EndDone {
		t.Fatalf("ending %v, want done", ending)
	}
	if !st.TermsAccepted || !st.PasswordSet || st.KYCStatus != api.KYCApproved || !st.EmailVerified || st.ConsumerID == "" {
		t.Fatalf("not every status is complete: %+v", st)
	}
	for _, s := range st.Snapshot.Statuses {
		if s.Name == "overall" && s.Value != "ACTIVE" {
			t.Errorf("overall status %s, want ACTIVE", s.Value)
		}
	}
	if len(saves) == 0 {
		t.Error("progress was never saved")
	}
}

// TestNoticeOutlivesTheFirstLoad: the start notice (resuming, a kept
// session, no keyring) stays on the first screen after that screen's own
// first answer, which clears only an error.
func TestNoticeOutlivesTheFirstLoad(t *testing.T) {
	f := flowtest.New()
	h := newHarness(t, f, flow.State{Lang: "en"}, 80, 24, func(o *Options) { o.Notice = flow.Say("Resuming where you left off (%s).", "terms") })
	if f.Calls(flowtest.MTerms) == 0 {
		t.Fatal("the terms screen loaded nothing: the test proves nothing")
	}
	mustContain(t, h.view(), "Resuming where you left off (terms).")
}
