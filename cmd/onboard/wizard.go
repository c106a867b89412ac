package main

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/onboard-cli/onboard/api/sandbox/outbox"
	"github.com/onboard-cli/onboard/line"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/providers"
	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/config"
	"github.com/onboard-cli/onboard/internal/connect"
	"github.com/onboard-cli/onboard/internal/i18n"
	"github.com/onboard-cli/onboard/internal/remember"
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
	// painted tells the embedded sandbox's start that the first frame is
	// out (embedded.paint); nil when nothing waits for it.
	painted func()
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
	// paint, when set, holds the database's opening until the first
	// frame is painted (paint.go); only with background.
	paint *paintGate
	// beforeOpen, when set, runs before the database is opened (a test
	// holds the start with it: starthook_starttest.go).
	beforeOpen func()
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
	hc := connect.NewHTTPClient()
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
		sandboxBase = connect.SandboxBase(apiURL, desc.SandboxPrefix)
	}
	if err := t.connect(desc, connect.Connection(s, apiURL, sandboxBase, t.embedded, hc, debugLog, u == forWizard, versionString())); err != nil {
		t.close()
		return nil, err
	}
	t.sandboxHost = connect.HostOf(sandboxBase)
	path, err := progressPath(s)
	if err != nil {
		t.close()
		return nil, err
	}
	t.progressPath = path
	return t, nil
}

// progressPath is where the onboarding in progress with s's provider and
// target is kept: known before the target is opened (an embedded
// sandbox's progress is keyed "embedded", not by its port).
func progressPath(s settings) (string, error) {
	dir, err := xdg.StateDir()
	if err != nil {
		return "", err
	}
	apiURL := s.APIURL.Value
	return flow.ProgressPath(dir, s.Provider.Value, connect.ProgressKey(s, apiURL, apiURL == "")), nil
}

// connect makes t's provider with its descriptor's Connect (and its
// sandbox's outbox client, for a sandbox): internal/connect/made.go.
func (t *target) connect(desc api.Descriptor, c api.Connection) error {
	m, err := connect.Make(desc, c)
	if err != nil {
		return err
	}
	t.provider, t.partner, t.ipAddress, t.phone = m.Provider, m.Partner, m.IPAddress, m.Outbox
	return nil
}

// defaultPlan is connect.DefaultPlan.
func defaultPlan(d api.Descriptor) flow.Plan { return connect.DefaultPlan(d) }

// engine is the flow.Engine that performs the steps against t.
func (t *target) engine() flow.Engine {
	return flow.Engine{P: t.provider, IPAddress: t.ipAddress, LinkHost: t.sandboxHost}
}

func runWizard(ctx context.Context, e *env, s settings, f wizardFlags) error {
	f.region = regionFromLocale(e.getenv)
	if f.sandboxAuto && s.APIURL.Value != "" && !config.IsLoopback(s.APIURL.Value) {
		return withCode(exitUsage, i18n.Errorf("--sandbox-auto reads the sandbox's outbox, so it works only with the embedded sandbox or one on this machine"))
	}
	var stdinPassword string
	if f.passwordStdin {
		pw, err := line.ReadPasswordLine(e.stdin)
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
	dlog, closeLog, err := connect.OpenDebugLog(f.debugFile)
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
		emb.paint = newPaintGate()
		t, keeper, err := openRemembering(ctx, e, s, f, open)
		if err != nil {
			return err
		}
		defer t.close()
		return runTUI(ctx, e, s, f, t, keeper, dlog)
	}
	return runLines(ctx, e, s, f, open, stdinPassword)
}

// openRemembering opens the target open gives and, with --remember, where
// its consumer's session is kept (rememberFor); on an error nothing is
// left open.
func openRemembering(ctx context.Context, e *env, s settings, f wizardFlags, open func(context.Context) (*target, error)) (*target, *remember.Keeper, error) {
	t, err := open(ctx)
	if err != nil {
		return nil, nil, err
	}
	keeper, err := rememberFor(e, s, f, t)
	if err != nil {
		t.close()
		return nil, nil, err
	}
	return t, keeper, nil
}

// runLines runs the wizard in line mode (or headless, --no-input) on the
// target open gives.
func runLines(ctx context.Context, e *env, s settings, f wizardFlags, open func(context.Context) (*target, error), stdinPassword string) error {
	tr := e.printer(s.Lang.Value)
	ctx, done := onInterrupt(ctx, e, stoppedLine(tr, f.demo))
	defer done()
	go flow.WarmPhoneNumbers() // beside the target's opening (flow/phone.go)
	t, keeper, err := openRemembering(ctx, e, s, f, open)
	if err != nil {
		return err
	}
	defer t.close()
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

// newHTTPClient is connect.NewHTTPClient, the one client of a run.
func newHTTPClient() *http.Client { return connect.NewHTTPClient() }

// hostOf is connect.HostOf.
func hostOf(raw string) string { return connect.HostOf(raw) }
