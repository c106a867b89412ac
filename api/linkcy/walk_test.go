package linkcy_test

import (
	"context"
	"errors"
	"github.com/onboard-cli/onboard/api/sandbox/outbox"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/linkcy"
	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
)

const partner = sandbox.DefaultPartnerName

func newClient(_ *testing.T, env *sandboxtest.Env) *linkcy.Client { return env.LinkCy() }

// lastMessage reads the newest SMS secret or email link sent to recipient.
func lastMessage(t *testing.T, env *sandboxtest.Env, recipient string) outbox.Message {
	t.Helper()
	m, err := env.Phone().Last(context.Background(), recipient, func(m outbox.Message) bool { return outbox.HasSecret(m) || outbox.HasLink(m) })
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestWalk is the acceptance walk through the client: create →
// reset → change → login → KYC → approve on the page → email → open link.
func TestWalk(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	c := newClient(t, env)
	ctx := context.Background()

	terms, err := c.GetTerms(ctx, "fr")
	if err != nil || terms.Version != "1.0" || !strings.Contains(terms.Content, "Conditions générales") {
		t.Fatalf("GetTerms(fr) = %+v, %v", terms, err)
	}
	id, err := c.CreateConsumer(ctx, "", linkcy.CreateConsumerParams{PartnerName: partner,
		Phone: linkcy.Phone{CountryCode: "+33", Number: "612345678"}, FirstName: "Ada", LastName: "Lovelace",
		EmailAddress: "ada@example.com", LastTermsAccepted: terms.Version, ExternalID: "crm-42"})
	if err != nil {
		t.Fatalf("CreateConsumer: %v", err)
	}
	if err := c.RequestPasswordSecret(ctx, "+33 6 12 34 56 78", partner); err != nil {
		t.Fatalf("RequestPasswordSecret: %v", err)
	}
	sms := lastMessage(t, env, "+33612345678")
	if len(sms.Secret) != 6 || !strings.Contains(sms.Text, sms.Secret) {
		t.Fatalf("SMS = %+v, want a 6-digit secret in the text", sms)
	}
	tok, err := c.ChangePassword(ctx, "+33612345678", sandbox.DefaultPartnerName, sms.Secret, "S3cure-pass!")
	if err != nil {
		t.Fatalf("ChangePassword: %v", err)
	}
	if tok.EndUserID != id || tok.ExpiresAt.Sub(env.Clock.Now()) != 15*time.Minute {
		t.Fatalf("tokens = %v, want end user %s expiring in 15 min", tok, id)
	}
	if strings.Contains(tok.String(), tok.Token) || strings.Contains(tok.GoString(), tok.RefreshToken) {
		t.Fatal("Tokens.String reveals a token")
	}
	tok, err = c.Login(ctx, "33612345678", partner, "S3cure-pass!")
	if err != nil {
		t.Fatalf("Login: %v", err)
	}
	cons, err := c.GetConsumer(ctx, tok.Token, id)
	if err != nil {
		t.Fatalf("GetConsumer: %v", err)
	}
	if !cons.Phone.PhoneValidated || !cons.TermsAccepted || cons.KYCInfo.KYCStatus != linkcy.KYCNotStarted || cons.ExternalID != "crm-42" {
		t.Fatalf("consumer after password = %+v", cons)
	}

	link, err := c.CreateKYC(ctx, tok.Token, "")
	if err != nil || link.KYCStatus != linkcy.KYCCreated || !strings.HasPrefix(link.URL, env.HTTP.URL+"/sandbox/kyc/") {
		t.Fatalf("CreateKYC = %+v, %v", link, err)
	}
	// Approve on the page, as a person would.
	page, err := http.Get(link.URL)
	if err != nil || page.StatusCode != http.StatusOK {
		t.Fatalf("GET KYC page: %v %v", page, err)
	}
	page.Body.Close()
	res, err := http.PostForm(link.URL, url.Values{"action": {"approve"}})
	if err != nil || res.StatusCode != http.StatusOK { // followed the 303 back to the page
		t.Fatalf("POST approve: %v %v", res, err)
	}
	res.Body.Close()
	app, err := c.GetKYC(ctx, tok.Token, link.ID)
	if err != nil || app.KYCStatus != linkcy.KYCValidated {
		t.Fatalf("GetKYC = %+v, %v", app, err)
	}

	if _, err := c.SendEmailVerification(ctx, tok.Token, linkcy.EmailVerificationParams{}); err != nil {
		t.Fatalf("SendEmailVerification: %v", err)
	}
	mail := lastMessage(t, env, "ada@example.com")
	for range 2 { // opening the link twice is harmless
		res, err := http.Get(mail.Link)
		if err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("GET email link: %v %v", res, err)
		}
		res.Body.Close()
	}
	cons, err = c.GetConsumer(ctx, tok.Token, id)
	if err != nil {
		t.Fatal(err)
	}
	if cons.KYCInfo.KYCStatus != linkcy.KYCValidated || !cons.Email.EmailAddressVerified ||
		cons.Status.OverallStatus != "ACTIVE" || cons.Status.BankingStatus != "VALIDATED" {
		t.Fatalf("final consumer = %+v", cons)
	}

	// The refresh token rotates: the new pair works, the old refresh token does not.
	fresh, err := c.Refresh(ctx, tok.RefreshToken)
	if err != nil {
		t.Fatalf("Refresh: %v", err)
	}
	if _, err := c.Refresh(ctx, tok.RefreshToken); !errors.Is(err, api.ErrUnauthorized) {
		t.Fatalf("second Refresh with the spent token = %v, want ErrUnauthorized", err)
	}
	if _, err := c.GetConsumer(ctx, fresh.Token, id); err != nil {
		t.Fatalf("GetConsumer with the refreshed token: %v", err)
	}
}
