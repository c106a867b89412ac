package line_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/linkcy"
	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/line"
)

// termsFlipper is a LinkCy provider through a real HTTP proxy in front of
// env's sandbox that answers every consumer with termsAccepted false, as a
// provider that flips it would; sent counts the requests that record
// accepted terms.
func termsFlipper(t *testing.T, env *sandboxtest.Env) (p *linkcy.Provider, sent *atomic.Int32) {
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
	sent = &atomic.Int32{}
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if bytes.Contains(b, []byte("lastTermsAccepted")) {
			sent.Add(1)
		}
		r.Body = io.NopCloser(bytes.NewReader(b))
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(proxy.Close)
	c, err := linkcy.New(api.Config{BaseURL: proxy.URL + "/linkcy/", HTTPClient: proxy.Client(), Version: "test", Sandbox: true})
	if err != nil {
		t.Fatal(err)
	}
	return linkcy.NewProvider(c, sandbox.DefaultPartnerName), sent
}

// TestTermsAcceptedOnce: line mode against a provider that says the terms
// are not accepted after the person accepted them: the terms are accepted
// once and said once, never asked again, and the run gives one note and
// goes on to the end.
func TestTermsAcceptedOnce(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	var out, errw bytes.Buffer
	plan := flow.Plan(linkcy.Describe().Plans[0].Steps)
	p, sent := termsFlipper(t, env)
	err := line.Run(context.Background(), line.Options{Engine: flow.Engine{P: p}, Plan: plan, Outbox: env.Phone(), Embedded: true,
		State: flow.State{Lang: "en", Email: "ada@example.com"}, Password: "S3cure-pass!", Out: &out, Err: &errw, Stopped: "Stopped.",
		In:     line.Inputs{NoInput: true, SandboxAuto: true, AcceptTerms: "current", Phone: "+33612345678", Region: "FR"},
		Policy: flow.Policy{Initial: 5 * time.Millisecond, Factor: 1, Max: 5 * time.Millisecond, Deadline: time.Minute}})
	said := errw.String()
	if err != nil {
		t.Fatalf("run: %v\n%s", err, said)
	}
	note := flow.TermsNote(flow.State{TermsLapsed: true})
	if n := strings.Count(said, "Terms and conditions"); n != 0 {
		t.Errorf("the terms were shown %d times:\n%s", n, said)
	}
	if strings.Count(said, "✓ Terms 1.0 accepted") != 1 || strings.Count(said, note) != 1 {
		t.Errorf("want ✓ Terms 1.0 accepted once and the note once:\n%s", said)
	}
	// With the registration, and once at the login (terms accepted before
	// the session are recorded with it); never again as the flag flips.
	if n := sent.Load(); n != 2 {
		t.Errorf("the accepted terms were sent %d times, want 2", n)
	}
	if !strings.Contains(out.String()+said, "verified customer") {
		t.Errorf("the run did not reach its end:\n%s\n%s", said, out.String())
	}
}
