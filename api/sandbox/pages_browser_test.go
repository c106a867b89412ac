package sandbox_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/onboard-cli/onboard/api/linkcy"
	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/outbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
)

// browser opens a headless Chromium at w×h (a phone's viewport with touch
// when mobile). It skips without Chromium, and fails for want of it in CI
// (ONBOARD_CI=1, where .ci/run installs it).
func browser(t *testing.T, w, h int, mobile bool) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("ONBOARD_CI") == "1" {
			t.Fatal("chromium is not installed; .ci/run installs it (apt-get install chromium)")
		}
		t.Skip("chromium is not installed (apt-get install chromium); the sandbox's pages are not checked in a browser")
	}
	// Chromium's helper processes may still write its profile for a moment
	// after the browser is gone, which t.TempDir's cleanup reports as a
	// failure: the profile is removed here, after the browser, with a few
	// tries (a leftover in /tmp is not the page's fault).
	profile, err := os.MkdirTemp("", "onboard-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { removeEventually(profile) })
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
		chromedp.WindowSize(w, h), chromedp.UserDataDir(profile))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancelCtx := chromedp.NewContext(actx)
	t.Cleanup(cancelCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelTimeout)
	emulate := chromedp.EmulateViewport(int64(w), int64(h))
	if mobile {
		emulate = chromedp.EmulateViewport(int64(w), int64(h), chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(3))
	}
	if err := chromedp.Run(ctx, emulate); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx
}

// screenshot keeps the page's picture as name.png in $ONBOARD_SCREENSHOTS
// (the README's come from there: assets/screenshots), when it is set.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("ONBOARD_SCREENSHOTS")
	if dir == "" {
		return
	}
	var png []byte
	if err := chromedp.Run(ctx, chromedp.CaptureScreenshot(&png)); err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestPagesInABrowser opens the KYC simulator and the email confirmation
// page in a real browser, at a phone's viewport and a desktop's, presses
// Approve and follows the link as a person would, and checks that the
// provider moved on: the check approved, the address verified.
func TestPagesInABrowser(t *testing.T) {
	for i, v := range []struct {
		name   string
		w, h   int
		mobile bool
	}{{"phone", 390, 844, true}, {"desktop", 1280, 800, false}} {
		t.Run(v.name, func(t *testing.T) {
			ctx := browser(t, v.w, v.h, v.mobile)
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

			var text string
			if err := chromedp.Run(ctx, chromedp.Navigate(link.URL), chromedp.Evaluate(`document.body.innerText`, &text)); err != nil {
				t.Fatalf("opening %s: %v", link.URL, err)
			}
			if !strings.Contains(text, "Approve") {
				t.Fatalf("the KYC page shows:\n%s", text)
			}
			screenshot(t, ctx, v.name+"-kyc")
			if err := chromedp.Run(ctx, chromedp.Click("button.approve", chromedp.ByQuery)); err != nil {
				t.Fatalf("pressing Approve: %v", err)
			}
			waitFor(t, func() bool {
				app, err := c.GetKYC(bg, tok.Token, link.ID)
				return err == nil && app.KYCStatus == linkcy.KYCValidated
			}, "the identity check approved after pressing Approve")
			// The page the browser lands on says so, with no button left.
			waitFor(t, func() bool {
				var status string
				err := chromedp.Run(ctx, chromedp.Evaluate(`(document.querySelector(".status")||{}).innerText+"/"+document.querySelectorAll("button").length`, &status))
				return err == nil && status == "VALIDATED/0"
			}, "the KYC page showing the approval")
			screenshot(t, ctx, v.name+"-kyc-approved")

			if _, err := c.SendEmailVerification(bg, tok.Token, linkcy.EmailVerificationParams{}); err != nil {
				t.Fatal(err)
			}
			mail, err := env.Phone().Last(bg, email, outbox.HasLink)
			if err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Run(ctx, chromedp.Navigate(mail.Link), chromedp.Evaluate(`document.body.innerText`, &text)); err != nil {
				t.Fatalf("opening the email link: %v", err)
			}
			screenshot(t, ctx, v.name+"-email")
			waitFor(t, func() bool {
				cons, err := c.GetConsumer(bg, tok.Token, tok.EndUserID)
				return err == nil && cons.Email.EmailAddressVerified
			}, "the email address verified after opening its link (the page said: "+text+")")
		})
	}
}

// waitFor polls ok for up to 10 s (the browser's request lands when it
// lands), failing with what was awaited.
func waitFor(t *testing.T, ok func() bool, what string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !ok(); time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no sign of %s", what)
		}
	}
}

// removeEventually removes dir, trying again for up to two seconds while
// something still writes into it.
func removeEventually(dir string) {
	for range 20 {
		if os.RemoveAll(dir) == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}
