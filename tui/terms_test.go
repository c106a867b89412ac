package tui

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/linkcy"
	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/outbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/flow/flowtest"
)

// termsFlipper is a LinkCy provider through a real HTTP proxy in front of
// env's sandbox that answers every consumer with termsAccepted false, as a
// provider that flips it would.
func termsFlipper(t *testing.T, env *sandboxtest.Env) *linkcy.Provider {
	t.Helper()
	target, err := url.Parse(env.HTTP.URL)
	if err != nil {
		t.Fatal(err)
	}
	rp := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(target)
		r.Out.Host = r.In.Host
		r.Out.Header.Del("Accept-Encoding") // bodies the proxy can read
	}}
	rp.ModifyResponse = func(resp *http.Response) error {
		b, err := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if err != nil {
			return err
		}
		b = bytes.ReplaceAll(b, []byte(`"termsAccepted":true`), []byte(`"termsAccepted":false`))
		resp.Body, resp.ContentLength = io.NopCloser(bytes.NewReader(b)), int64(len(b))
		resp.Header.Set("Content-Length", strconv.Itoa(len(b)))
		return nil
	}
	proxy := httptest.NewServer(rp)
	t.Cleanup(proxy.Close)
	c, err := linkcy.New(api.Config{BaseURL: proxy.URL + "/linkcy/", HTTPClient: proxy.Client(), Version: "test", Sandbox: true})
	if err != nil {
		t.Fatal(err)
	}
	return linkcy.NewProvider(c, sandbox.DefaultPartnerName)
}

// TestTermsAcceptedOnce: the wizard against a provider that says the
// terms are not accepted after the person accepted them in this run: the
// terms screen never comes back, the run goes on to the end, and the done
// screen gives one note.
func TestTermsAcceptedOnce(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	ctx := context.Background()
	e := flow.Engine{P: termsFlipper(t, env), Now: env.Clock.Now}
	st := flow.State{Lang: "en", Phone: frPhone, Email: "ada@example.com"}
	st, err := e.LoadTerms(ctx, st)
	if err == nil {
		st, err = e.AcceptTerms(ctx, st, st.Terms.Version)
	}
	if err == nil {
		st, err = e.Register(ctx, st)
	}
	if err == nil {
		st, err = e.SendSecret(ctx, st)
	}
	if err != nil {
		t.Fatal(err)
	}
	sms, err := env.Phone().Last(ctx, frPhone.E164(), outbox.HasSecret)
	if err != nil {
		t.Fatal(err)
	}
	if st, err = e.SetPassword(ctx, st, sms.Secret, "S3cure-pass!"); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, flowtest.New(), st, 80, 30, func(o *Options) { o.Engine, o.Now = e, env.Clock.Now })
	if h.step() != flow.StepKYC {
		t.Fatalf("step %s, want kyc:\n%s", h.step(), h.view())
	}
	link := regexp.MustCompile(`http://127\.0\.0\.1:\d+/sandbox/kyc/[A-Za-z0-9_-]+`).FindString(h.view())
	if link == "" {
		t.Fatalf("no KYC link:\n%s", h.view())
	}
	if err := env.Phone().Press(ctx, link, "approve"); err != nil {
		t.Fatal(err)
	}
	h.tick("poll")
	// Said when it happens, as line mode says it: in the status line,
	// once, through the next step.
	noted := func() int {
		return strings.Count(strings.Join(strings.Fields(h.view()), " "), "though you accepted them in this run")
	}
	if n := noted(); n != 1 || !h.app.c.st.TermsLapsed {
		t.Errorf("when the provider said it: the note %d times, lapsed %v:\n%s", n, h.app.c.st.TermsLapsed, h.view())
	}
	h.tick("approved")
	if h.step() != flow.StepEmail || !h.app.c.st.TermsLapsed {
		t.Fatalf("step %s, lapsed %v; want the email step, the terms not asked again:\n%s", h.step(), h.app.c.st.TermsLapsed, h.view())
	}
	if n := noted(); n != 1 {
		t.Errorf("on the next step: the note %d times:\n%s", n, h.view())
	}
	h.press(tea.KeyEnter)
	mail, err := env.Phone().Last(ctx, "ada@example.com", outbox.HasLink)
	if err != nil {
		t.Fatal(err)
	}
	if err := env.Phone().Open(ctx, mail.Link); err != nil {
		t.Fatal(err)
	}
	h.tick("poll")
	if n := noted(); n != 1 {
		t.Errorf("the note %d times on the email's wait:\n%s", n, h.view())
	}
	h.tick("verified")
	if h.step() != flow.StepDone {
		t.Fatalf("step %s, want done:\n%s", h.step(), h.view())
	}
	view := strings.Join(strings.Fields(h.view()), " ")
	if n := strings.Count(view, "though you accepted them in this run"); n != 1 || !strings.Contains(view, "✓ Terms version 1.0 accepted") {
		t.Errorf("the note %d times, or the terms not accepted:\n%s", n, h.view())
	}
}
