package weavr_test

import (
	"context"
	"errors"
	"github.com/onboard-cli/onboard/api/sandbox/outbox"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
	"github.com/onboard-cli/onboard/api/weavr"
)

func start(t *testing.T, opts sandbox.Options) *sandboxtest.Env {
	t.Helper()
	env := sandboxtest.Start(t, opts)
	env.RequireWeavrContract()
	return env
}

func ada(email string) weavr.CreateConsumerParams {
	return weavr.CreateConsumerParams{ProfileID: sandbox.DefaultWeavrProfileID, IPAddress: "192.0.2.10", AcceptedTerms: true, BaseCurrency: "EUR",
		RootUser: weavr.RootUserParams{Name: "Ada", Surname: "Lovelace", Email: email,
			Mobile:      weavr.Mobile{CountryCode: "+33", Number: "612345678"},
			DateOfBirth: weavr.Date{Year: 1990, Month: 12, Day: 10}, Address: weavr.Address{Country: "FR"}}}
}

func kindOf(err error) api.Kind {
	if e, ok := api.AsError(err); ok {
		return e.Kind
	}
	return -1
}

func codeOf(err error) string {
	if e, ok := api.AsError(err); ok {
		return e.Code
	}
	return ""
}

// TestWalk is the walk through the client, every request and
// answer checked against the vendor's spec: create (twice with the same
// idempotency reference: one consumer) → password → login → email code →
// mobile OTP → KYC → approve on the page.
func TestWalk(t *testing.T) {
	env := start(t, sandbox.Options{})
	c := env.Weavr()
	ctx := context.Background()

	cons, err := c.CreateConsumer(ctx, ada("ada@example.com"), "ref-1")
	if err != nil {
		t.Fatal(err)
	}
	again, err := c.CreateConsumer(ctx, ada("ada@example.com"), "ref-1")
	if err != nil || again.ID.ID != cons.ID.ID {
		t.Fatalf("the same idempotency-ref again = %v, %v; want consumer %s once", again, err, cons.ID.ID)
	}
	if _, err := c.CreateConsumer(ctx, ada("ada@example.com"), "ref-2"); kindOf(err) != api.KindPhoneTaken || codeOf(err) != weavr.CodeEmailNotUnique {
		t.Fatalf("the same email with another ref: %v, want 409 ROOT_EMAIL_NOT_UNIQUE as 'already registered'", err)
	}
	if cons.RootUser.EmailVerified || cons.RootUser.MobileNumberVerified || !cons.AcceptedTerms {
		t.Fatalf("a new consumer: %+v", cons.RootUser)
	}

	if _, err := c.CreatePassword(ctx, cons.ID.ID, "short1"); codeOf(err) != weavr.CodePasswordTooShort || kindOf(err) != api.KindInvalid {
		t.Fatalf("a short password: %v", err)
	}
	l, err := c.CreatePassword(ctx, cons.ID.ID, "Correct-Horse-9")
	if err != nil || l.Token == "" || l.Identity.ID != cons.ID.ID {
		t.Fatalf("CreatePassword = %v, %v", l, err)
	}
	if _, err := c.CreatePassword(ctx, cons.ID.ID, "Another-Pass-9"); codeOf(err) != weavr.CodePasswordCreated {
		t.Fatalf("a second password: %v, want PASSWORD_ALREADY_CREATED", err)
	}
	if _, err := c.LoginWithPassword(ctx, "ada@example.com", "wrong-pass-1"); kindOf(err) != api.KindUnauthorized {
		t.Fatalf("a wrong password: %v, want unauthorized", err)
	}
	l, err = c.LoginWithPassword(ctx, "ADA@example.com", "Correct-Horse-9")
	if err != nil || l.Token == "" {
		t.Fatalf("login: %v", err)
	}
	tok := l.Token

	if _, err := c.StartKYC(ctx, tok); codeOf(err) != weavr.CodeEmailUnverified {
		t.Fatalf("KYC before the email is verified: %v, want 409 EMAIL_UNVERIFIED", err)
	}
	if err := c.SendEmailCode(ctx, "ada@example.com"); err != nil {
		t.Fatal(err)
	}
	err = c.SendEmailCode(ctx, "ada@example.com")
	if e, ok := api.AsError(err); !ok || e.Kind != api.KindRateLimited || e.RetryAfter != 30*time.Second {
		t.Fatalf("a second email at once: %v, want 429 with x-ratelimit-reset 30", err)
	}
	m, err := env.Phone().Last(ctx, "ada@example.com", func(m outbox.Message) bool { return m.Code != "" })
	if err != nil || m.Code != sandbox.WeavrCode {
		t.Fatalf("the emailed code: %+v, %v", m, err)
	}
	if err := c.VerifyEmail(ctx, "ada@example.com", "000000"); kindOf(err) != api.KindInvalidCode {
		t.Fatalf("a wrong email code: %v", err)
	}
	if err := c.VerifyEmail(ctx, "ada@example.com", m.Code); err != nil {
		t.Fatal(err)
	}

	if err := c.EnrolSMS(ctx, tok); err != nil {
		t.Fatal(err)
	}
	sms, err := env.Phone().Last(ctx, "+33612345678", func(m outbox.Message) bool { return m.Code != "" })
	if err != nil || sms.Channel != "sms" {
		t.Fatalf("the SMS code: %+v, %v", sms, err)
	}
	if err := c.VerifySMS(ctx, tok, sms.Code); err != nil {
		t.Fatal(err)
	}
	if err := c.EnrolSMS(ctx, tok); codeOf(err) != weavr.CodeChannelRegistered {
		t.Fatalf("enrolling again: %v", err)
	}

	k, err := c.StartKYC(ctx, tok)
	if err != nil || k.Reference == "" {
		t.Fatalf("StartKYC = %+v, %v", k, err)
	}
	if k2, err := c.StartKYC(ctx, tok); err != nil || k2.Reference != k.Reference {
		t.Fatalf("starting again while initiated gives another reference: %+v, %v", k2, err)
	}
	if st, err := c.GetKYC(ctx, tok); err != nil || st.FullDueDiligence != weavr.KYCInitiated {
		t.Fatalf("GetKYC = %+v, %v", st, err)
	}
	page := strings.ReplaceAll(sandbox.WeavrKYCPage(env.HTTP.URL), weavr.ReferencePlaceholder, k.Reference)
	if err := env.Phone().Press(ctx, page, "approve"); err != nil {
		t.Fatal(err)
	}
	got, err := c.GetConsumer(ctx, tok)
	if err != nil || !got.RootUser.EmailVerified || !got.RootUser.MobileNumberVerified {
		t.Fatalf("GetConsumer = %+v, %v", got, err)
	}
	if st, err := c.GetKYC(ctx, tok); err != nil || st.FullDueDiligence != weavr.KYCApproved {
		t.Fatalf("after approve: %+v, %v", st, err)
	}
	if _, err := c.StartKYC(ctx, tok); codeOf(err) != weavr.CodeKYCApproved {
		t.Fatalf("KYC after approval: %v", err)
	}
	if err := c.Logout(ctx, tok); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetConsumer(ctx, tok); kindOf(err) != api.KindUnauthorized {
		t.Fatalf("after logout: %v", err)
	}
}

// TestTokenLivesFiveMinutesFromLastUse: each use extends it; five idle
// minutes end it, and there is no refresh.
func TestTokenLivesFiveMinutesFromLastUse(t *testing.T) {
	env := start(t, sandbox.Options{})
	c, ctx := env.Weavr(), context.Background()
	cons, err := c.CreateConsumer(ctx, ada("grace@example.com"), "")
	if err != nil {
		t.Fatal(err)
	}
	l, err := c.CreatePassword(ctx, cons.ID.ID, "Correct-Horse-9")
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		env.Clock.Advance(4 * time.Minute)
		if _, err := c.GetConsumer(ctx, l.Token); err != nil {
			t.Fatalf("a token used every 4 minutes lapsed: %v", err)
		}
	}
	env.Clock.Advance(sandbox.WeavrTokenIdle + time.Second)
	if _, err := c.GetKYC(ctx, l.Token); kindOf(err) != api.KindUnauthorized {
		t.Fatalf("after 5 idle minutes: %v, want 401", err)
	}
	p := env.WeavrProvider()
	if _, err := p.Refresh(ctx, api.Session{Token: l.Token}); !errors.Is(err, api.ErrUnauthorized) {
		t.Fatalf("Refresh = %v, want ErrUnauthorized (Weavr has no refresh)", err)
	}
}

// TestLoginLockout: five wrong passwords lock the login (423) for 30 minutes.
func TestLoginLockout(t *testing.T) {
	env := start(t, sandbox.Options{})
	c, ctx := env.Weavr(), context.Background()
	cons, err := c.CreateConsumer(ctx, ada("lock@example.com"), "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreatePassword(ctx, cons.ID.ID, "Correct-Horse-9"); err != nil {
		t.Fatal(err)
	}
	for i := range 4 {
		if _, err := c.LoginWithPassword(ctx, "lock@example.com", "nope-nope-1"); kindOf(err) != api.KindUnauthorized {
			t.Fatalf("wrong password %d: %v", i+1, err)
		}
	}
	if _, err := c.LoginWithPassword(ctx, "lock@example.com", "nope-nope-1"); kindOf(err) != api.KindTooManyAttempts {
		t.Fatalf("the fifth wrong password: %v, want 423", err)
	}
	if _, err := c.LoginWithPassword(ctx, "lock@example.com", "Correct-Horse-9"); kindOf(err) != api.KindTooManyAttempts {
		t.Fatalf("the right password while locked: %v, want 423", err)
	}
	env.Clock.Advance(31 * time.Minute)
	if _, err := c.LoginWithPassword(ctx, "lock@example.com", "Correct-Horse-9"); err != nil {
		t.Fatalf("after the lockout: %v", err)
	}
}

// TestMobileCodeLimits: a wrong code is counted, the fifth burns it, and an
// old code expires.
func TestMobileCodeLimits(t *testing.T) {
	env := start(t, sandbox.Options{})
	c, ctx := env.Weavr(), context.Background()
	cons, err := c.CreateConsumer(ctx, ada("otp@example.com"), "")
	if err != nil {
		t.Fatal(err)
	}
	l, err := c.CreatePassword(ctx, cons.ID.ID, "Correct-Horse-9")
	if err != nil {
		t.Fatal(err)
	}
	if err := c.VerifySMS(ctx, l.Token, sandbox.WeavrCode); codeOf(err) != "STATE_INVALID" {
		t.Fatalf("verifying before enrolling: %v", err)
	}
	if err := c.EnrolSMS(ctx, l.Token); err != nil {
		t.Fatal(err)
	}
	for range 5 {
		if err := c.VerifySMS(ctx, l.Token, "999999"); kindOf(err) != api.KindInvalidCode {
			t.Fatalf("a wrong code: %v", err)
		}
	}
	if err := c.VerifySMS(ctx, l.Token, sandbox.WeavrCode); codeOf(err) != weavr.CodeChallengeLimit || kindOf(err) != api.KindTooManyAttempts {
		t.Fatalf("after five wrong codes: %v, want CHALLENGE_LIMIT_EXCEEDED", err)
	}
	env.Clock.Advance(time.Minute)
	if err := c.EnrolSMS(ctx, l.Token); err != nil {
		t.Fatalf("a new code: %v", err)
	}
	env.Clock.Advance(4 * time.Minute) // the token stays alive: it was used a minute ago... and now
	if _, err := c.GetConsumer(ctx, l.Token); err != nil {
		t.Fatal(err)
	}
	env.Clock.Advance(2 * time.Minute)
	if err := c.VerifySMS(ctx, l.Token, sandbox.WeavrCode); codeOf(err) != weavr.CodeCodeExpired {
		t.Fatalf("a code 6 minutes old: %v, want VERIFICATION_CODE_EXPIRED", err)
	}
}

// TestRequestsNeedTheAPIKey: a wrong programme key is a 401, for the API
// and the simulator alike; the right one on the simulator approves.
func TestRequestsNeedTheAPIKey(t *testing.T) {
	env := start(t, sandbox.Options{})
	ctx := context.Background()
	bad, err := weavr.New(api.Config{BaseURL: env.URL("weavr/multi"), HTTPClient: env.Client(), Sandbox: true}, "not-the-key")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bad.CreateConsumer(ctx, ada("key@example.com"), ""); kindOf(err) != api.KindUnauthorized {
		t.Fatalf("a wrong api-key: %v", err)
	}
	c := env.Weavr()
	cons, err := c.CreateConsumer(ctx, ada("key@example.com"), "")
	if err != nil {
		t.Fatal(err)
	}
	if err := bad.SimulateKYCApproved(ctx, cons.ID.ID); kindOf(err) != api.KindUnauthorized {
		t.Fatalf("the simulator with a wrong key: %v", err)
	}
	if err := c.SimulateKYCApproved(ctx, cons.ID.ID); err != nil {
		t.Fatal(err)
	}
	l, err := c.CreatePassword(ctx, cons.ID.ID, "Correct-Horse-9")
	if err != nil {
		t.Fatal(err)
	}
	if k, err := c.GetKYC(ctx, l.Token); err != nil || k.FullDueDiligence != weavr.KYCApproved {
		t.Fatalf("after the simulator: %+v, %v", k, err)
	}
}

// TestValidation: the sandbox refuses what Weavr's schema refuses (400 with
// the field named) and what its rules refuse (409 with the code).
func TestValidation(t *testing.T) {
	env := start(t, sandbox.Options{})
	c, ctx := env.Weavr(), context.Background()
	tests := []struct {
		name  string
		edit  func(*weavr.CreateConsumerParams)
		kind  api.Kind
		field string
	}{
		{"no name", func(p *weavr.CreateConsumerParams) { p.RootUser.Name = "" }, api.KindInvalid, "rootUser.name"},
		{"unknown profile", func(p *weavr.CreateConsumerParams) { p.ProfileID = "42" }, api.KindConflict, ""},
		{"bad mobile", func(p *weavr.CreateConsumerParams) { p.RootUser.Mobile.Number = "12" }, api.KindInvalid, "phone"},
		{"bad country", func(p *weavr.CreateConsumerParams) { p.RootUser.Address.Country = "XX" }, api.KindConflict, ""},
		{"31 February", func(p *weavr.CreateConsumerParams) {
			p.RootUser.DateOfBirth = weavr.Date{Year: 1990, Month: 2, Day: 31}
		}, api.KindInvalid, "rootUser.dateOfBirth"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := ada("v-" + strings.ReplaceAll(tt.name, " ", "") + "@example.com")
			tt.edit(&p)
			_, err := c.CreateConsumer(ctx, p, "")
			e, ok := api.AsError(err)
			if !ok || e.Kind != tt.kind || (tt.field != "" && e.Field(tt.field) == "") {
				t.Fatalf("got %v (fields %+v), want kind %s naming %q", err, e, tt.kind, tt.field)
			}
			if e.Status != http.StatusBadRequest && e.Status != http.StatusConflict {
				t.Fatalf("status %d", e.Status)
			}
		})
	}
}
