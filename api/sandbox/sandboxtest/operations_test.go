package sandboxtest_test

import (
	"context"
	"errors"
	"testing"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/linkcy"
	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/outbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
)

// mustHit fails the test for each operation the contract check never
// matched: one its spec does not have at that path is not checked at all.
func mustHit(t *testing.T, env *sandboxtest.Env, ops ...string) {
	t.Helper()
	for _, op := range ops {
		if env.Hits(op) == 0 {
			t.Errorf("%s never went through the contract check", op)
		}
	}
}

// TestLinkCyOperationsUnderContract drives, through the client, the
// operations the walks leave out or touch once: the refresh (and its
// refusal of a spent token), the phone verification's send and verify
// (a wrong code, then the right one) and GET /kyc/{kycId}. The contract
// check checks each request and each answer (violations fail the test).
func TestLinkCyOperationsUnderContract(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	c := env.LinkCy()
	ctx := context.Background()
	id, err := c.CreateConsumer(ctx, "", linkcy.CreateConsumerParams{PartnerName: sandbox.DefaultPartnerName,
		Phone: linkcy.Phone{CountryCode: "33", Number: "612345670"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.RequestPasswordSecret(ctx, "+33612345670", sandbox.DefaultPartnerName); err != nil {
		t.Fatal(err)
	}
	sms, err := env.Phone().Last(ctx, "+33612345670", outbox.HasSecret)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := c.ChangePassword(ctx, "+33612345670", sandbox.DefaultPartnerName, sms.Secret, "S3cure-pass!")
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := c.Refresh(ctx, tok.RefreshToken)
	if err != nil || fresh.Token == "" {
		t.Fatalf("Refresh = %v, %v", fresh, err)
	}
	if _, err := c.Refresh(ctx, tok.RefreshToken); !errors.Is(err, api.ErrUnauthorized) {
		t.Errorf("a spent refresh token: %v", err)
	}
	if _, err := c.SendPhoneVerification(ctx, fresh.Token, id); err != nil {
		t.Fatalf("SendPhoneVerification: %v", err)
	}
	code, err := env.Phone().Last(ctx, "+33612345670", outbox.HasCode)
	if err != nil {
		t.Fatal(err)
	}
	wrong := "000000"
	if code.Code == wrong {
		wrong = "111111"
	}
	if err := c.VerifyPhone(ctx, fresh.Token, id, wrong); !errors.Is(err, api.ErrInvalidCode) {
		t.Errorf("a wrong phone code: %v", err)
	}
	if err := c.VerifyPhone(ctx, fresh.Token, id, code.Code); err != nil {
		t.Fatalf("VerifyPhone: %v", err)
	}
	link, err := c.CreateKYC(ctx, fresh.Token, "")
	if err != nil {
		t.Fatal(err)
	}
	app, err := c.GetKYC(ctx, fresh.Token, link.ID)
	if err != nil || app.KYCStatus != linkcy.KYCCreated {
		t.Fatalf("GetKYC = %+v, %v", app, err)
	}
	if _, err := c.GetKYC(ctx, fresh.Token, "string"); !errors.Is(err, api.ErrValidation) {
		t.Errorf("GetKYC with an id that is no UUID: %v; want it refused before sending", err)
	}
	mustHit(t, env, "POST /api/partner/refresh", "POST /api/partner/verifications/phone/send",
		"POST /api/partner/verifications/phone/verify", "GET /api/partner/kyc/{kycId}")
}

// TestFinHubOperationsUnderContract: the session's refresh and logout,
// and refusals FinHub sends as a 200 with success false (an activation
// before its prerequisites, a wrong activation code), through the client,
// each request and answer checked against FinHub's spec.
func TestFinHubOperationsUnderContract(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	p := env.FinHubProvider()
	c := env.FinHub()
	ctx := context.Background()
	reg, err := p.Register(ctx, api.Registration{Phone: api.Phone{CallingCode: "370", National: "60012345"}, FirstName: "Ada",
		LastName: "Lovelace", Email: "ada@example.com", BirthDate: api.Date{Year: 1990, Month: 5, Day: 15}, Gender: "FEMALE",
		Nationality: "LT", Category: "STANDARD_INDIVIDUAL", Password: "Correct-Horse-9!"})
	if err != nil {
		t.Fatal(err)
	}
	who := api.Who{Email: "ada@example.com", ConsumerID: reg.ConsumerID, UserID: reg.UserID}
	s, err := p.Login(ctx, who, "Correct-Horse-9!")
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"123456", "ACTIVATION_CODE_MED_12345"} {
		err := p.Activate(ctx, s, who, code)
		if ae, ok := api.AsError(err); !ok || ae.Kind != api.KindConflict || ae.Code != "ACTIVATION_PREREQUISITES_NOT_MET" {
			t.Errorf("activation %q before its prerequisites: %#v; want the refusal the 200 envelope carries", code, err)
		}
	}
	n, err := c.RefreshSession(ctx, reg.ConsumerID, reg.UserID, s.RefreshToken)
	if err != nil || n.Token == "" {
		t.Fatalf("RefreshSession = %v", err)
	}
	if _, err := c.RefreshSession(ctx, reg.ConsumerID, reg.UserID, s.RefreshToken); !errors.Is(err, api.ErrUnauthorized) {
		t.Errorf("a spent refresh token: %v", err)
	}
	if err := c.EndSession(ctx, reg.ConsumerID, reg.UserID, n.Token); err != nil {
		t.Fatalf("EndSession: %v", err)
	}
	if _, err := c.ActivationCheck(ctx, n.Token, reg.ConsumerID); !errors.Is(err, api.ErrUnauthorized) {
		t.Errorf("after logout: %v", err)
	}
	if err := c.EndSession(ctx, "a/b", reg.UserID, n.Token); !errors.Is(err, api.ErrValidation) {
		t.Errorf("an id no path can carry: %v; want it refused before sending", err)
	}
	sessions := "/customer/individual/{customerId}/users/{userId}/sessions"
	mustHit(t, env, "PUT "+sessions, "DELETE "+sessions, "POST /customer/individual/{customerId}/activation")
}
