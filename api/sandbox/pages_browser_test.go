package sandbox_test

import (
	"context"
	"testing"

	"github.com/onboard-cli/onboard/api/linkcy"
	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/outbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
	"github.com/onboard-cli/onboard/internal/browsertest"
)

// TestPagesInABrowser opens the KYC simulator and the email confirmation
// page in a real browser, at a phone's viewport and a desktop's, presses
// Approve and follows the link as a person would, and checks that the
// provider moved on: the check approved, the address verified. (The
// wizard's side, with the pictures the README shows, is cmd/onboard's
// TestPhonePagesFromTheWizard.)
func TestPagesInABrowser(t *testing.T) {
	for i, v := range browsertest.Viewports() {
		t.Run(v.Name, func(t *testing.T) {
			ctx := browsertest.Within(t, browsertest.Start(t, v))
			env := sandboxtest.Start(t, sandbox.Options{})
			c, bg := env.LinkCy(), context.Background()
			number := "61234567" + string(rune('0'+i))
			email := "ada" + string(rune('0'+i)) + "@example.com"
			if _, err := c.CreateConsumer(bg, "", linkcy.CreateConsumerParams{PartnerName: sandbox.DefaultPartnerName,
				Phone: linkcy.Phone{CountryCode: "+33", Number: number}, EmailAddress: email, LastTermsAccepted: "1.0"}); err != nil {
				t.Fatal(err)
			}
			if err := c.RequestPasswordSecret(bg, "+33"+number, sandbox.DefaultPartnerName); err != nil {
				t.Fatal(err)
			}
			sms, err := env.Phone().Last(bg, "+33"+number, outbox.HasSecret)
			if err != nil {
				t.Fatal(err)
			}
			tok, err := c.ChangePassword(bg, "+33"+number, sandbox.DefaultPartnerName, sms.Secret, "S3cure-pass!")
			if err != nil {
				t.Fatal(err)
			}
			link, err := c.CreateKYC(bg, tok.Token, "")
			if err != nil {
				t.Fatal(err)
			}

			browsertest.Approve(t, ctx, link.URL, "")
			browsertest.WaitFor(t, func() bool {
				app, err := c.GetKYC(bg, tok.Token, link.ID)
				return err == nil && app.KYCStatus == linkcy.KYCValidated
			}, "the identity check approved after pressing Approve")
			// The page the browser lands on says so, with no button left.
			browsertest.WaitFor(t, func() bool { return browsertest.Approved(ctx) }, "the KYC page showing the approval")

			if _, err := c.SendEmailVerification(bg, tok.Token, linkcy.EmailVerificationParams{}); err != nil {
				t.Fatal(err)
			}
			mail, err := env.Phone().Last(bg, email, outbox.HasLink)
			if err != nil {
				t.Fatal(err)
			}
			text := browsertest.Open(t, ctx, mail.Link)
			browsertest.WaitFor(t, func() bool {
				cons, err := c.GetConsumer(bg, tok.Token, tok.EndUserID)
				return err == nil && cons.Email.EmailAddressVerified
			}, "the email address verified after opening its link (the page said: "+text+")")
		})
	}
}
