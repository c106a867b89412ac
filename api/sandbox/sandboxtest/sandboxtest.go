// Package sandboxtest starts the embedded sandbox for a test: a real HTTP
// server on loopback with a fresh in-memory database, a client that checks
// every request it sends against the provider's OpenAPI contract, and a
// server wrapper that checks every answer the sandbox gives. A contract
// violation fails the test.
package sandboxtest

import (
	"bytes"
	"context"
	_ "embed" // the LinkCy contract
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api/sandbox/outbox"
	"github.com/onboard-cli/onboard/api/sandbox/pgtest"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"golang.org/x/crypto/bcrypt"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/finhub"
	"github.com/onboard-cli/onboard/api/linkcy"
	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/weavr"
)

// LinkCySpec is the project's copy of the LinkCy onboarding OpenAPI file
// (docs/ARCHITECTURE.md, "Sources").
//
//go:embed linkcy.openapi.yaml
var LinkCySpec []byte

// Env is a running sandbox.
type Env struct {
	t      testing.TB
	Server *sandbox.Server
	HTTP   *httptest.Server
	Clock  *Clock

	mu         sync.Mutex
	violations []string
	requests   map[string]int
	// contracts route each provider prefix ("/linkcy/", "/weavr/multi/")
	// to its contract; a provider whose spec is absent has none.
	contracts map[string]routers.Router
}

// Start runs a sandbox for the length of the test. Options may be changed
// by the caller; Now defaults to a Clock the test can advance, and the
// bcrypt cost to the minimum.
func Start(t testing.TB, opts sandbox.Options) *Env {
	t.Helper()
	clock := NewClock(time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC))
	if opts.Now == nil {
		opts.Now = clock.Now
	}
	if opts.BcryptCost == 0 {
		opts.BcryptCost = bcrypt.MinCost
	}
	if (opts.DB == "" || opts.DB == ":memory:") && pgtest.OnPostgres() {
		opts.DB = pgtest.URL(t)
	}
	srv, err := sandbox.New(context.Background(), opts)
	if err != nil {
		t.Fatalf("sandboxtest: starting the sandbox: %v", err)
	}
	env := &Env{t: t, Server: srv, Clock: clock, requests: map[string]int{}}
	env.HTTP = httptest.NewServer(env.contractCheck(srv))
	env.contracts = map[string]routers.Router{"/linkcy/": mustRouter(t, "LinkCy", LinkCySpec, env.HTTP.URL+"/linkcy"),
		"/finhub/api/v2.1/": mustRouter(t, "FinHub", finhub.OpenAPI(), env.HTTP.URL+"/finhub/api/v2.1")}
	if path, ok := WeavrSpecPath(); ok {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("sandboxtest: reading the Weavr contract: %v", err)
		}
		env.contracts["/weavr/multi/"] = mustRouter(t, "Weavr", data, env.HTTP.URL+"/weavr/multi")
	}
	if path, ok := specPath(WeavrSimulatorSpec); ok {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("sandboxtest: reading the Weavr simulator contract: %v", err)
		}
		env.contracts["/weavr/simulate/api/"] = mustRouter(t, "Weavr simulator", data, env.HTTP.URL+"/weavr/simulate/api")
	}
	t.Cleanup(func() {
		srv.EndWaits() // a held outbox request would keep Close waiting
		env.HTTP.Close()
		scans, err := srv.FullScans(context.Background())
		if err != nil {
			t.Errorf("sandboxtest: reading the query plans: %v", err)
		}
		for _, s := range scans {
			t.Errorf("sandbox: a statement reads a whole table, so it slows as consumers accumulate; add an index:\n%s", s)
		}
		srv.Close()
		env.mu.Lock()
		defer env.mu.Unlock()
		for _, v := range env.violations {
			t.Errorf("contract: %s", v)
		}
	})
	return env
}

// URL returns the API root of a provider, e.g. URL("linkcy").
func (e *Env) URL(provider string) string { return e.HTTP.URL + "/" + provider + "/" }

// Client returns an HTTP client whose every request to a provider API
// with a contract (LinkCy's; Weavr's when its spec is here) is checked
// against it.
func (e *Env) Client() *http.Client {
	return &http.Client{Transport: &checkingTransport{env: e, next: e.HTTP.Client().Transport}, Timeout: 10 * time.Second}
}

// LinkCy returns a LinkCy client for this sandbox, on the contract-checking
// HTTP client.
func (e *Env) LinkCy() *linkcy.Client {
	e.t.Helper()
	c, err := linkcy.New(api.Config{BaseURL: e.URL("linkcy"), HTTPClient: e.Client(), Version: "test", Sandbox: true})
	if err != nil {
		e.t.Fatalf("sandboxtest: a LinkCy client: %v", err)
	}
	return c
}

// LinkCyProvider returns the LinkCy flow provider for this sandbox, as the
// embedded sandbox's partner.
func (e *Env) LinkCyProvider() *linkcy.Provider {
	return linkcy.NewProvider(e.LinkCy(), sandbox.DefaultPartnerName)
}

// Phone reads this sandbox's outbox and presses its pages' buttons.
func (e *Env) Phone() *outbox.Client { return outbox.NewClient(e.HTTP.URL, e.HTTP.Client()) }

// Hits returns how many requests reached route (e.g. "POST /api/partner/consumers").
func (e *Env) Hits(route string) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.requests[route]
}

// Weavr returns a Weavr client for this sandbox, on the contract-checking
// HTTP client, with the sandbox's programme key.
func (e *Env) Weavr() *weavr.Client {
	e.t.Helper()
	c, err := weavr.New(api.Config{BaseURL: e.URL("weavr/multi"), HTTPClient: e.Client(), Version: "test", Sandbox: true}, sandbox.DefaultWeavrAPIKey)
	if err != nil {
		e.t.Fatalf("sandboxtest: a Weavr client: %v", err)
	}
	return c
}

// WeavrProvider returns the Weavr flow provider for this sandbox, with the
// sandbox's profile and KYC page.
func (e *Env) WeavrProvider() *weavr.Provider {
	return weavr.NewProvider(e.Weavr(), weavr.ProviderOptions{ProfileID: sandbox.DefaultWeavrProfileID,
		KYCPage: sandbox.WeavrKYCPage(e.HTTP.URL)})
}

// FinHub returns a FinHub client for this sandbox, on the contract-checking
// HTTP client, as the sandbox's tenant.
func (e *Env) FinHub() *finhub.Client {
	e.t.Helper()
	c, err := finhub.New(api.Config{BaseURL: e.URL("finhub/api/v2.1"), HTTPClient: e.Client(), Version: "test", Sandbox: true},
		finhub.Tenant{ID: sandbox.DefaultFinHubTenantID, Key: sandbox.DefaultFinHubTenantKey, Secret: sandbox.DefaultFinHubTenantSecret},
		finhub.Device{})
	if err != nil {
		e.t.Fatalf("sandboxtest: a FinHub client: %v", err)
	}
	return c
}

// FinHubProvider returns the FinHub flow provider for this sandbox, with
// the sandbox's review page.
func (e *Env) FinHubProvider() *finhub.Provider {
	return finhub.NewProvider(e.FinHub(), finhub.ProviderOptions{ReviewPage: sandbox.FinHubReviewPage(e.HTTP.URL)})
}

// WeavrSpec is the vendor's current Weavr Multi OpenAPI document, which
// is not copied into the repository (it is the vendor's, not the project's).
const WeavrSpec = "weavr/weavr-multi-openapi-original.yml"

// WeavrSpecPath finds the vendor's Weavr spec under $ONBOARD_SPECS
// (docs/ARCHITECTURE.md, "Sources"; CI sets it).
func WeavrSpecPath() (string, bool) { return specPath(WeavrSpec) }

// WeavrSimulatorSpec is the vendor's simulator OpenAPI file (the
// sandbox-only calls, such as approving a KYC), under $ONBOARD_SPECS.
const WeavrSimulatorSpec = "weavr/weavr-simulator-openapi-original.yml"

// specPath is name under $ONBOARD_SPECS, when it is there.
func specPath(name string) (string, bool) {
	d := os.Getenv("ONBOARD_SPECS")
	if d == "" {
		return "", false
	}
	p := filepath.Join(d, name)
	if _, err := os.Stat(p); err != nil {
		return "", false
	}
	return p, true
}

// RequireWeavrContract skips the test, saying why, when the vendor's Weavr
// spec is absent: a Weavr test without its contract proves too little.
func (e *Env) RequireWeavrContract() {
	e.t.Helper()
	if _, ok := e.contracts["/weavr/multi/"]; !ok {
		e.t.Skipf("the vendor's Weavr spec (%s) is not here: set ONBOARD_SPECS to the folder that holds it (docs/ARCHITECTURE.md, Sources)", WeavrSpec)
	}
}

// route returns the contract for path, and the prefix it is under.
func (e *Env) route(path string) (routers.Router, bool) {
	for prefix, r := range e.contracts {
		if strings.HasPrefix(path, prefix) {
			return r, true
		}
	}
	return nil, false
}

func mustRouter(t testing.TB, name string, spec []byte, server string) routers.Router {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(spec)
	if err != nil {
		t.Fatalf("sandboxtest: loading the %s contract: %v", name, err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("sandboxtest: the %s contract is not valid OpenAPI: %v", name, err)
	}
	doc.Servers = openapi3.Servers{{URL: server}}
	r, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatalf("sandboxtest: routing the %s contract: %v", name, err)
	}
	return r
}

func (e *Env) violation(format string, args ...any) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.violations = append(e.violations, fmt.Sprintf(format, args...))
}

func options() *openapi3filter.Options {
	return &openapi3filter.Options{MultiError: true, IncludeResponseStatus: true,
		AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}
}

// checkingTransport validates each outgoing LinkCy request.
type checkingTransport struct {
	env  *Env
	next http.RoundTripper
}

func (c *checkingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if router, ok := c.env.route(req.URL.Path); ok {
		var body []byte
		if req.Body != nil {
			body, _ = io.ReadAll(req.Body)
			req.Body.Close()
			req.Body = io.NopCloser(bytes.NewReader(body))
		}
		check := req.Clone(req.Context())
		check.Body = io.NopCloser(bytes.NewReader(body))
		route, params, err := router.FindRoute(check)
		if err != nil {
			c.env.violation("client sent %s %s, which the contract does not have: %v", req.Method, req.URL.Path, err)
		} else if err := openapi3filter.ValidateRequest(req.Context(), &openapi3filter.RequestValidationInput{
			Request: check, PathParams: params, Route: route, Options: options()}); err != nil {
			c.env.violation("client request %s %s breaks the contract: %v", req.Method, route.Path, err)
		}
	}
	resp, err := c.next.RoundTrip(req)
	if err != nil {
		return nil, fmt.Errorf("sandboxtest: %w", err)
	}
	return resp, nil
}

// contractCheck wraps the sandbox and validates every LinkCy answer.
func (e *Env) contractCheck(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		router, ok := e.route(r.URL.Path)
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		check := r.Clone(context.Background())
		check.Body = io.NopCloser(bytes.NewReader(body))
		check.URL.Scheme, check.URL.Host = "http", r.Host
		route, params, err := router.FindRoute(check)
		if err == nil {
			e.mu.Lock()
			e.requests[r.Method+" "+route.Path]++
			e.mu.Unlock()
			in := &openapi3filter.RequestValidationInput{Request: check, PathParams: params, Route: route, Options: options()}
			if err := openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{
				RequestValidationInput: in, Status: rec.Code, Header: rec.Header(),
				Body: io.NopCloser(bytes.NewReader(rec.Body.Bytes())), Options: options()}); err != nil {
				e.violation("sandbox answer %d to %s %s breaks the contract: %v", rec.Code, r.Method, route.Path, err)
			}
		}
		for k, vs := range rec.Header() {
			w.Header()[k] = vs
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	})
}

// Clock is a settable clock for the sandbox.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a clock stopped at t.
func NewClock(t time.Time) *Clock { return &Clock{now: t} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Violations returns the contract violations seen so far.
func (e *Env) Violations() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.violations...)
}

// ForgetViolations clears the violations seen so far: for a test that
// breaks the contract on purpose to prove the check works.
func (e *Env) ForgetViolations() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.violations = nil
}
