// Package browsertest drives a headless Chromium for tests: the sandbox's
// pages (api/sandbox's TestPagesInABrowser) and the links the wizard shows
// (cmd/onboard's TestPhonePagesFromTheWizard) are opened and pressed as a
// person's phone would. It is imported by tests only.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Viewport is a browser window's size; Mobile emulates a phone (touch, a
// device scale of 3).
type Viewport struct {
	Name   string
	W, H   int
	Mobile bool
}

// Viewports are the two the pages are checked at: a phone's and a
// desktop's.
func Viewports() []Viewport {
	return []Viewport{{"phone", 390, 844, true}, {"desktop", 1280, 800, false}}
}

// Start opens a headless Chromium at v. It skips without Chromium, and
// fails for want of it in CI (ONBOARD_CI=1, where .ci/run installs it).
// The browser lives until the test ends; each walk bounds its own time
// with Within, so that a slow first walk leaves the next its whole time.
func Start(t *testing.T, v Viewport) context.Context {
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
		t.Fatalf("a profile folder for chromium: %v", err)
	}
	t.Cleanup(func() { removeEventually(profile) })
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
		chromedp.WindowSize(v.W, v.H), chromedp.UserDataDir(profile))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancelCtx := chromedp.NewContext(actx)
	t.Cleanup(cancelCtx)
	emulate := chromedp.EmulateViewport(int64(v.W), int64(v.H))
	if v.Mobile {
		emulate = chromedp.EmulateViewport(int64(v.W), int64(v.H), chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(3))
	}
	if err := chromedp.Run(ctx, emulate); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx
}

// Within bounds what a walk does in the browser of ctx to 90 seconds,
// counted from now, until the walk's test ends.
func Within(t *testing.T, ctx context.Context) context.Context {
	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// Open loads url and returns the page's text as a person reads it.
func Open(t *testing.T, ctx context.Context, url string) string {
	t.Helper()
	var text string
	if err := chromedp.Run(ctx, chromedp.Navigate(url), chromedp.Evaluate(`document.body.innerText`, &text)); err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
	return text
}

// Approve opens the identity-check page at url (LinkCy's KYC simulator,
// Weavr's KYC page or FinHub's review page: assets/pages/kyc.html), keeps
// its picture as name (see Screenshot), and presses Approve.
func Approve(t *testing.T, ctx context.Context, url, name string) {
	t.Helper()
	if text := Open(t, ctx, url); !strings.Contains(text, "Approve") {
		t.Fatalf("the page at %s has no Approve button; it shows:\n%s", url, text)
	}
	Screenshot(t, ctx, name)
	if err := chromedp.Run(ctx, chromedp.Click("button.approve", chromedp.ByQuery)); err != nil {
		t.Fatalf("pressing Approve on %s: %v", url, err)
	}
}

// Approved reports whether the page shows the check approved, with no
// button left (the page a press of Approve lands on).
func Approved(ctx context.Context) bool {
	var status string
	err := chromedp.Run(ctx, chromedp.Evaluate(`(document.querySelector(".status")||{}).innerText+"/"+document.querySelectorAll("button").length`, &status))
	return err == nil && (status == "VALIDATED/0" || status == "APPROVED/0")
}

// Screenshot keeps the page's picture as name.png in $ONBOARD_SCREENSHOTS
// (the README's come from there: assets/screenshots), when it is set and
// name is not empty.
func Screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("ONBOARD_SCREENSHOTS")
	if dir == "" || name == "" {
		return
	}
	var png []byte
	if err := chromedp.Run(ctx, chromedp.CaptureScreenshot(&png)); err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
}

// WaitFor polls ok for up to 20 s (the browser's request lands when it
// lands), failing with what was awaited.
func WaitFor(t *testing.T, ok func() bool, what string) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); !ok(); time.Sleep(100 * time.Millisecond) {
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
