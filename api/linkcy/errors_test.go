package linkcy_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/linkcy"
	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
)

// TestErrorMapping: the sandbox's answers come back as typed errors the
// wizard can branch on.
func TestErrorMapping(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	c := newClient(t, env)
	ctx := context.Background()
	phone := linkcy.Phone{CountryCode: "33", Number: "612345678"}
	if _, err := c.CreateConsumer(ctx, "", linkcy.CreateConsumerParams{PartnerName: partner, Phone: phone}); err != nil {
		t.Fatal(err)
	}

	_, err := c.CreateConsumer(ctx, "", linkcy.CreateConsumerParams{PartnerName: partner, Phone: phone})
	if !errors.Is(err, api.ErrPhoneTaken) || !errors.Is(err, api.ErrConflict) {
		t.Errorf("duplicate phone: %v, want ErrPhoneTaken", err)
	}
	_, err = c.CreateConsumer(ctx, "", linkcy.CreateConsumerParams{PartnerName: partner, Phone: linkcy.Phone{CountryCode: "33", Number: "12"}})
	if e, ok := api.AsError(err); !ok || !errors.Is(err, api.ErrValidation) || e.Field("phone.number") == "" || e.Code != "INVALID_PHONE_NUMBER" {
		t.Errorf("bad number: %v (fields %v)", err, e)
	}
	if err := c.RequestPasswordSecret(ctx, "+33612345678", partner); err != nil {
		t.Fatal(err)
	}
	err = c.RequestPasswordSecret(ctx, "+33612345678", partner)
	if e, ok := api.AsError(err); !ok || !errors.Is(err, api.ErrRateLimited) || e.RetryAfter != 30*time.Second {
		t.Errorf("resend too soon: %v", err)
	}
	_, err = c.ChangePassword(ctx, "+33612345678", sandbox.DefaultPartnerName, "999999", "S3cure-pass!")
	if !errors.Is(err, api.ErrInvalidCode) {
		t.Errorf("wrong secret: %v, want ErrInvalidCode", err)
	}
	sms := lastMessage(t, env, "+33612345678")
	_, err = c.ChangePassword(ctx, "+33612345678", sandbox.DefaultPartnerName, sms.Secret, "weak")
	if e, ok := api.AsError(err); !ok || e.Code != "WEAK_PASSWORD" || e.Field("newPassword") != "The password needs at least 8 characters." {
		t.Errorf("weak password: %v %+v", err, e)
	}
	if _, err := c.Login(ctx, "+33612345678", partner, "nope"); !errors.Is(err, api.ErrUnauthorized) {
		t.Errorf("login before a password is set: %v", err)
	}
	if _, err := c.GetConsumer(ctx, "", "00000000-0000-4000-8000-000000000000"); !errors.Is(err, api.ErrUnauthorized) {
		t.Errorf("no token: %v", err)
	}
}

// TestSCAPending: outside a sandbox no BY_PASS header is sent, and a 202
// becomes a typed "SCA pending" error.
func TestSCAPending(t *testing.T) {
	// The sandbox never asks for SCA; a bare server answers 202.
	c, err := linkcy.New(api.Config{BaseURL: sca202(t)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Login(context.Background(), "33612345678", partner, "pw")
	if !errors.Is(err, api.ErrSCAPending) {
		t.Fatalf("202: %v, want ErrSCAPending", err)
	}
}

func TestConsumersIterator(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	c := newClient(t, env)
	ctx := context.Background()
	for i := range 7 {
		if _, err := c.CreateConsumer(ctx, "", linkcy.CreateConsumerParams{PartnerName: partner,
			Phone: linkcy.Phone{CountryCode: "33", Number: "61234567" + string(rune('0'+i))}, LastName: "Smith"}); err != nil {
			t.Fatal(err)
		}
	}
	tok, err := c.PartnerLogin(ctx, sandbox.DefaultPartnerUser, partner, sandbox.DefaultPartnerPassword)
	if err != nil {
		t.Fatal(err)
	}
	params := linkcy.ListConsumersParams{PageSize: 3, LastName: "Smi", KYCStatus: []linkcy.KYCStatus{linkcy.KYCNotStarted}}
	n := 0
	for cs, err := range c.Consumers(ctx, tok.Token, params) {
		if err != nil {
			t.Fatal(err)
		}
		if cs.LastName != "Smith" {
			t.Fatalf("got %+v", cs)
		}
		n++
	}
	if n != 7 || params.Page != 0 {
		t.Fatalf("iterated %d consumers (want 7); params.Page = %d (must stay 0)", n, params.Page)
	}
}
