package main

import (
	"cmp"
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/onboard-cli/onboard/api/sandbox/outbox"
	"github.com/onboard-cli/onboard/line"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/providers"
	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/config"
	"github.com/onboard-cli/onboard/internal/i18n"
	"github.com/onboard-cli/onboard/internal/xdg"
)

// target is what a wizard run talks to.
type target struct {
	provider     flow.Provider
	plan         flow.Plan
	phone        *outbox.Client // reads that sandbox's outbox; nil for a real provider
	embedded     bool
	progressPath string
	// ipAddress is this machine's address towards the provider, which
	// Weavr records with a registration.
	ipAddress string
	// partner is LinkCy's partnerName for this target.
	partner string
	// sandboxHost is the host of the sandbox this target is, "" for a
	// real provider: its plain http links are to be opened.
	sandboxHost string
	// debugLog is --debug's log when the target was opened with one.
	debugLog *slog.Logger
	// organization is --organization's company, nil for a person.
	organization *organizationRun
	// started waits until the embedded sandbox has started, and says
	// why it did not; nil for a real provider. Only a target opened for
	// the full-screen wizard (embedded.background) is returned before.
	started func() error
	// terms are the embedded sandbox's terms, known before it starts
	// (api.Terms{} for any other target).
	terms api.Terms
	close func()
}

// use is what a target is opened for.
type use int

const (
	forWizard use = iota // every step: Weavr needs its KYC page
	forStatus            // reading consumers only
)

// embedded says how to run the embedded sandbox.
type embedded struct {
	db          string        // SQLite file; "" for the default, ":memory:" for none
	host        string        // address to listen on; "" for loopback
	autoApprove time.Duration // approve each KYC this long after its link; 0 for by hand
	sessions    bool          // accept session partners (onboard serve)
	log         *slog.Logger  // --debug: gets the requests and connections served, at the end
	// background returns the target before the sandbox's database is
	// open: the full-screen wizard paints first and learns the outcome
	// from target.started (embedded.go).
	background bool
	// beforeOpen, when set, runs before the database is opened (a test
	// holds the start with it: starthook_starttest.go).
	beforeOpen func()
}

// newHTTPClient is the one client of a run: one keep-alive connection
// serves the whole run. HTTPS_PROXY, HTTP_PROXY and NO_PROXY are honoured
// (loopback, so the embedded sandbox, never goes through a proxy).
func newHTTPClient() *http.Client {
	return &http.Client{Timeout: api.DefaultTimeout, Transport: &http.Transport{
		Proxy: http.ProxyFromEnvironment, MaxIdleConnsPerHost: 2, IdleConnTimeout: 90 * time.Second,
		TLSHandshakeTimeout: 10 * time.Second, ForceAttemptHTTP2: true,
		TLSClientConfig: &tls.Config{MinVersion: tls.VersionTLS12},
	}}
}

// openTarget connects to the configured provider, or starts the embedded
// sandbox (as emb says) when no API URL is set.
func openTarget(ctx context.Context, s settings, debugLog *slog.Logger, emb embedded, u use) (*target, error) {
	t := &target{close: func() {}}
	name := s.Provider.Value
	desc, ok := providers.Lookup(name)
	if !ok {
		return nil, withCode(exitUsage, i18n.Errorf("provider %q is not one onboard speaks; choose %s", name, providers.Names()))
	}
	t.plan = defaultPlan(desc)
	apiURL := s.APIURL.Value
	sandboxBase := "" // the sandbox's root URL when the target is one
	hc := newHTTPClient()
	if apiURL == "" {
		emb.log = debugLog
		base, stop, err := openEmbedded(ctx, t, emb)
		if err != nil {
			return nil, err
		}
		t.close = stop
		t.embedded, sandboxBase = true, base
		apiURL = base + desc.SandboxPrefix
		if desc.SandboxTerms {
			t.terms = sandbox.DefaultTerms(base, s.Lang.Value)
		}
	} else if config.IsLoopback(apiURL) {
		sandboxBase = strings.TrimSuffix(strings.TrimSuffix(apiURL, "/"), strings.TrimSuffix(desc.SandboxPrefix, "/"))
	}
	if err := t.connect(desc, connection(s, apiURL, sandboxBase, t.embedded, hc, debugLog, u)); err != nil {
		t.close()
		return nil, err
	}
	dir, err := xdg.StateDir()
	if err != nil {
		t.close()
		return nil, err
	}
	t.sandboxHost = hostOf(sandboxBase)
	t.progressPath = flow.ProgressPath(dir, name, progressKey(s, apiURL, t.embedded))
	return t, nil
}

// connection is what the provider is made from: the settings, and where
// the API is. The embedded sandbox's LinkCy partner is its own, whatever
// the settings name.
func connection(s settings, apiURL, sandboxBase string, embedded bool, hc *http.Client, debugLog *slog.Logger, u use) api.Connection {
	partner := s.Partner.Value
	if embedded {
		partner = ""
	}
	return api.Connection{
		Config: api.Config{BaseURL: apiURL, HTTPClient: hc, Version: versionString(), Logger: debugLog,
			Sandbox: sandboxBase != "" || strings.Contains(apiURL, "sandbox")},
		SandboxBase: sandboxBase, Embedded: embedded, Partner: partner,
		APIKey: s.APIKey.Value, APISecret: s.APISecret.Value, ProfileID: s.ProfileID.Value, KYCPage: s.KYCPage.Value,
		TenantID: s.TenantID.Value, EveryStep: u == forWizard,
		LocalAddress: func() string { return localAddressTowards(apiURL) },
	}
}

// connect makes t's provider with its descriptor's Connect (and its
// sandbox phone, for a sandbox).
func (t *target) connect(desc api.Descriptor, c api.Connection) error {
	made, err := desc.Connect(c)
	if err != nil {
		return withCode(exitUsage, err)
	}
	p, ok := made.Provider.(flow.Provider)
	if !ok {
		return fmt.Errorf("%s: its client does not speak what flow asks (flow/provider.go)", desc.Title)
	}
	t.provider, t.partner, t.ipAddress = p, made.Partner, made.IPAddress
	if c.SandboxBase != "" {
		t.phone = outbox.NewClient(c.SandboxBase, c.Config.HTTPClient).ForPartner(made.Partner)
	}
	return nil
}

// progressKey names the endpoint a progress file belongs to: the API, and
// the partner, profile and tenant that select a place in it ("embedded"
// for the embedded sandbox). A key with no profile or tenant is the API
// and partner alone, as it always was, so saved progress still resumes.
func progressKey(s settings, apiURL string, embedded bool) string {
	if embedded {
		return "embedded"
	}
	key := apiURL + "|" + s.Partner.Value
	if s.ProfileID.Value != "" || s.TenantID.Value != "" {
		key += "|" + s.ProfileID.Value + "|" + s.TenantID.Value
	}
	return key
}

// defaultPlan is the plan onboard runs with the provider d describes; the
// registry's test holds every provider to having one.
func defaultPlan(d api.Descriptor) flow.Plan {
	p, _ := d.Plan("")
	return flow.Plan(p.Steps)
}

// hostOf is the host of a URL, "" for none.
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Hostname()
}

// engine is the flow.Engine that performs the steps against t.
func (t *target) engine() flow.Engine {
	return flow.Engine{P: t.provider, IPAddress: t.ipAddress, LinkHost: t.sandboxHost}
}

// localAddressTowards is this machine's address on the route to apiURL's
// host (a UDP "connection" sends nothing), or 127.0.0.1 when unknown.
func localAddressTowards(apiURL string) string {
	u, err := url.Parse(apiURL)
	if err != nil || u.Hostname() == "" {
		return "127.0.0.1"
	}
	port := cmp.Or(u.Port(), map[bool]string{true: "443", false: "80"}[u.Scheme == "https"])
	conn, err := net.Dial("udp", net.JoinHostPort(u.Hostname(), port))
	if err != nil {
		return "127.0.0.1"
	}
	defer conn.Close()
	if a, ok := conn.LocalAddr().(*net.UDPAddr); ok {
		return a.IP.String()
	}
	return "127.0.0.1"
}

// openDebugLog opens --debug FILE (0600); secrets are redacted upstream.
func openDebugLog(path string) (*slog.Logger, func(), error) {
	if path == "" {
		return nil, func() {}, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, nil, i18n.Errorf("opening the debug log: %v", err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, nil, i18n.Errorf("opening the debug log: %v", err)
	}
	return slog.New(slog.NewJSONHandler(f, &slog.HandlerOptions{Level: slog.LevelDebug})), func() { f.Close() }, nil
}

func runWizard(ctx context.Context, e *env, s settings, f wizardFlags) error {
	f.region = regionFromLocale(e.getenv)
	if f.sandboxAuto && s.APIURL.Value != "" && !config.IsLoopback(s.APIURL.Value) {
		return withCode(exitUsage, i18n.Errorf("--sandbox-auto reads the sandbox's outbox, so it works only with the embedded sandbox or one on this machine"))
	}
	var stdinPassword string
	if f.passwordStdin {
		pw, err := readPasswordLine(e.stdin)
		if err != nil {
			return withCode(exitUsage, err)
		}
		stdinPassword = pw
	}
	if f.remember && f.demo {
		return withCode(exitUsage, i18n.Errorf("--demo keeps nothing between runs, so --remember has nothing to keep: drop one of them"))
	}
	if !f.demo { // a demo keeps nothing in the state folder
		release, err := lockState(e.stderr)
		if err != nil {
			return err
		}
		defer release()
	}
	var org *organizationRun
	if f.organization != "" {
		var err error
		if org, err = loadOrganization(f.organization, s.Provider.Value, time.Now()); err != nil {
			return err
		}
	}
	emb, err := embeddedFor(e, s, &f)
	if err != nil {
		return err
	}
	dlog, closeLog, err := openDebugLog(f.debugFile)
	if err != nil {
		return err
	}
	defer closeLog()
	open := func(ctx context.Context) (*target, error) {
		t, err := openTarget(ctx, s, dlog, emb, forWizard)
		if err == nil && f.demo {
			t.progressPath = "" // a demo starts afresh and keeps nothing
		}
		if err == nil {
			t.organization = org
			org.apply(t)
		}
		return t, err
	}
	emb.beforeOpen = startHook(e.getenv)
	if useTUI(e, f) {
		oneProcessor(e.getenv)
		emb.background = true // the wizard paints first; runTUI learns how the start went
		t, err := open(ctx)
		if err != nil {
			return err
		}
		defer t.close()
		keeper, err := rememberFor(e, s, f, t)
		if err != nil {
			return err
		}
		return runTUI(ctx, e, s, f, t, keeper, dlog)
	}
	return runLines(ctx, e, s, f, open, stdinPassword)
}

// runLines runs the wizard in line mode (or headless, --no-input) on the
// target open gives.
func runLines(ctx context.Context, e *env, s settings, f wizardFlags, open func(context.Context) (*target, error), stdinPassword string) error {
	tr := e.printer(s.Lang.Value)
	ctx, done := onInterrupt(ctx, e, stoppedLine(tr, f.demo))
	defer done()
	t, err := open(ctx)
	if err != nil {
		return err
	}
	defer t.close()
	keeper, err := rememberFor(e, s, f, t)
	if err != nil {
		return err
	}
	var ask line.Asker = line.NoInput{}
	if !f.noInput {
		ask = line.NewPrompter(e.stdin, e.stderr, e.stdinTTY, tr)
	}
	st, started, note := startState(t, s, f)
	return line.Run(ctx, line.Options{
		Engine: t.engine(), Plan: t.plan,
		Outbox: t.phone, Embedded: t.embedded, ProgressPath: t.progressPath,
		State: st, Started: started, Note: note,
		In: lineInputs(f), Password: stdinPassword, Ask: ask, Keeper: keeper,
		Out: e.stdout, Err: e.stderr, Lang: s.Lang.Value, Printer: tr,
		DemoNotice: tr.T(demoNotice), Stopped: stoppedLine(tr, f.demo),
	})
}

// lineInputs are the flags line mode takes its answers from.
func lineInputs(f wizardFlags) line.Inputs {
	return line.Inputs{Phone: f.phone, BirthDate: f.birthDate, Gender: f.gender, Nationality: f.nationality,
		Country: f.country, Region: f.region, Category: f.category, AcceptTerms: f.acceptTerms, Documents: f.documents,
		NoInput: f.noInput, SandboxAuto: f.sandboxAuto, Demo: f.demo, JSON: f.jsonOut}
}

// readPasswordLine reads the first line of r (--password-stdin), a byte at
// a time so that the rest of stdin is left for the line prompts.
func readPasswordLine(r io.Reader) (string, error) {
	var b strings.Builder
	buf := make([]byte, 1)
	for b.Len() < 4096 {
		n, err := r.Read(buf)
		if n == 1 {
			if buf[0] == '\n' {
				break
			}
			b.WriteByte(buf[0])
		}
		if err != nil {
			break
		}
	}
	pw := strings.TrimRight(b.String(), "\r")
	if pw == "" {
		return "", i18n.Errorf("--password-stdin: stdin gave no password (pipe it in: echo \"$PASSWORD\" | onboard …)")
	}
	return pw, nil
}
