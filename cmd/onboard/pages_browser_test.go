package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/outbox"
	"github.com/onboard-cli/onboard/internal/browsertest"
)

// pageLink is the first sandbox page address in s.
var pageLink = regexp.MustCompile(`http://127\.0\.0\.1:\d+/sandbox/[A-Za-z0-9_/?=.-]+`)

// shot names the picture of a page at v: the phone's are kept (the
// README shows them), the desktop's not.
func shot(v browsertest.Viewport, page string) string {
	if !v.Mobile {
		return ""
	}
	return "phone-" + page
}

// TestPhonePagesFromTheWizard walks each provider's onboarding in line
// mode against a sandbox and opens the link the wizard prints in a real
// browser, at a phone's viewport and a desktop's, as the person's phone
// would: Approve is pressed on LinkCy's KYC simulator, Weavr's KYC page and
// FinHub's review page, the email confirmation link is opened, and each
// time the wizard is seen to move on to its next step.
func TestPhonePagesFromTheWizard(t *testing.T) {
	for i, v := range browsertest.Viewports() {
		t.Run(v.Name, func(t *testing.T) {
			ctx := browsertest.Start(t, v)
			t.Run("linkcy", func(t *testing.T) { linkcyPages(t, browsertest.Within(t, ctx), v, i) })
			t.Run("weavr", func(t *testing.T) { weavrPage(t, browsertest.Within(t, ctx), v, i) })
			t.Run("finhub", func(t *testing.T) { finhubPage(t, browsertest.Within(t, ctx), v, i) })
		})
	}
}

// linkcyPages is LinkCy's walk: the KYC simulator, then the email link.
func linkcyPages(t *testing.T, ctx context.Context, v browsertest.Viewport, i int) {
	hs := startSandbox(t, sandbox.Options{})
	phone := outbox.NewClient(hs.URL, hs.Client())
	number, email := "+3361234567"+string(rune('0'+i)), "ada"+string(rune('0'+i))+"@example.com"
	c := converse(t, "--api-url", hs.URL+"/linkcy/", "--partner", sandbox.DefaultPartnerName, "--accept-terms",
		"--phone", number, "--email", email)
	c.waitFor("SMS code")
	m, err := phone.Last(context.Background(), number, outbox.HasSecret)
	if err != nil {
		t.Fatal(err)
	}
	c.say(m.Secret)
	c.waitFor("New password:")
	c.say("S3cure-pass!")
	c.waitFor("Type it again:")
	c.say("S3cure-pass!")
	link := pageLink.FindString(c.waitFor("/sandbox/kyc/") + c.waitFor("\n"))
	browsertest.Approve(t, ctx, link, shot(v, "kyc"))
	browsertest.WaitFor(t, func() bool { return browsertest.Approved(ctx) }, "the KYC page showing the approval")
	browsertest.Screenshot(t, ctx, shot(v, "kyc-approved"))
	c.waitFor("Verification link sent to " + email) // the wizard moved on, to the email
	mail, err := phone.Last(context.Background(), email, outbox.HasLink)
	if err != nil {
		t.Fatal(err)
	}
	browsertest.Open(t, ctx, mail.Link)
	browsertest.Screenshot(t, ctx, shot(v, "email"))
	c.waitFor("Email verified")
	if code := c.exit(); code != 0 {
		t.Fatalf("exit %d:\n%s", code, c.err.String())
	}
}

// weavrPage is Weavr's walk: the codes by email and SMS, then its KYC
// page.
func weavrPage(t *testing.T, ctx context.Context, v browsertest.Viewport, i int) {
	hs := startSandbox(t, sandbox.Options{})
	phone := outbox.NewClient(hs.URL, hs.Client())
	number, email := "+3361234568"+string(rune('0'+i)), "grace"+string(rune('0'+i))+"@example.com"
	c := converse(t, "--provider", "weavr", "--api-url", hs.URL+"/weavr/multi/", "--accept-terms",
		"--phone", number, "--email", email, "--first-name", "Grace", "--last-name", "Hopper", "--birth-date", "1990-12-10")
	c.waitFor("New password:")
	c.say("S3cure-pass!")
	c.waitFor("Type it again:")
	c.say("S3cure-pass!")
	for _, to := range []string{email, number} { // the email's code, then the SMS's
		c.waitFor("change the number or address):")
		m, err := phone.Last(context.Background(), to, outbox.HasCode)
		if err != nil {
			t.Fatal(err)
		}
		c.say(m.Code)
	}
	link := pageLink.FindString(c.waitFor("/sandbox/weavr/kyc") + c.waitFor("\n"))
	browsertest.Approve(t, ctx, link, shot(v, "weavr-kyc"))
	browsertest.WaitFor(t, func() bool { return browsertest.Approved(ctx) }, "Weavr's KYC page showing the approval")
	c.waitFor("Your identity is verified") // the wizard moved on
	if code := c.exit(); code != 0 {
		t.Fatalf("exit %d:\n%s", code, c.err.String())
	}
}

// finhubPage is FinHub's walk: two documents, then its review page, then
// the activation code by email.
func finhubPage(t *testing.T, ctx context.Context, v browsertest.Viewport, i int) {
	hs := startSandbox(t, sandbox.Options{})
	phone := outbox.NewClient(hs.URL, hs.Client())
	dir := t.TempDir()
	var docs []string
	for _, name := range []string{"passport.pdf", "bill.pdf"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte("%PDF-1.4\n% a sample\n%%EOF\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, "--document", path)
	}
	email := "lin" + string(rune('0'+i)) + "@example.com"
	c := converse(t, append([]string{"--provider", "finhub", "--api-url", hs.URL + "/finhub/api/v2.1/", "--accept-terms",
		"--phone", "+3706001234" + string(rune('0'+i)), "--email", email, "--first-name", "Lin", "--last-name", "Wei",
		"--birth-date", "1990-05-15", "--gender", "female", "--category", "STANDARD_INDIVIDUAL"}, docs...)...)
	c.waitFor("New password:")
	c.say("S3cure-pass!")
	c.waitFor("Type it again:")
	c.say("S3cure-pass!")
	link := pageLink.FindString(c.waitFor("/sandbox/finhub/review/") + c.waitFor("\n"))
	browsertest.Approve(t, ctx, link, shot(v, "finhub-review"))
	browsertest.WaitFor(t, func() bool { return browsertest.Approved(ctx) }, "FinHub's review page showing the approval")
	c.waitFor("Your identity is verified") // the wizard moved on, to the consents
	c.waitFor("Activation code from the email:")
	m, err := phone.Last(context.Background(), email, outbox.HasCode)
	if err != nil {
		t.Fatal(err)
	}
	c.say(m.Code)
	c.waitFor("Account activated")
	if code := c.exit(); code != 0 {
		t.Fatalf("exit %d:\n%s", code, c.err.String())
	}

}
