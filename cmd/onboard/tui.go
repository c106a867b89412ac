package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/finhub"
	"github.com/onboard-cli/onboard/api/providers"
	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/browser"
	"github.com/onboard-cli/onboard/internal/config"
	"github.com/onboard-cli/onboard/internal/i18n"
	"github.com/onboard-cli/onboard/internal/remember"
	"github.com/onboard-cli/onboard/internal/sampledocs"
	"github.com/onboard-cli/onboard/internal/wrap"
	"github.com/onboard-cli/onboard/tui"
)

// useTUI reports whether the run gets the full-screen wizard: a person at
// a terminal who did not ask for line mode.
func useTUI(e *env, f wizardFlags) bool {
	return !f.noInput && !f.accessible && e.stdinTTY && e.stdoutTTY &&
		e.getenv("ACCESSIBLE") == "" && e.getenv("TERM") != "dumb"
}

// oneProcessor runs the full-screen wizard's goroutines on one processor,
// unless GOMAXPROCS says otherwise. The wizard is one person's terminal
// program: it waits almost all the time, and what it does between waits
// (a frame, a poll, the embedded sandbox's answer to it) is short. With
// a second processor idle, every wake-up also wakes a thread to look for
// work: when Bubble Tea still woke 30 times a second, waiting on the KYC
// cost 1.3% of a core on 2 cores, 1.05% on one (bench/RESULTS.md). On one
// processor the embedded sandbox's start would delay the first frame;
// cmd/onboard/paint.go has it wait for that frame.
func oneProcessor(getenv func(string) string) {
	if getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(1)
	}
}

// runTUI runs the wizard as one Bubble Tea program and turns how it ended
// into output and an exit code.
func runTUI(ctx context.Context, e *env, s settings, f wizardFlags, t *target, keeper *remember.Keeper, dlog *slog.Logger) error {
	// Ctrl+C arrives as a key; Bubble Tea turns SIGINT and SIGTERM into a
	// quit; SIGHUP (the terminal closed) ends the context.
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGHUP)
	defer stop()
	st, started, note := startState(t, s, f)
	if keeper != nil { // a kept session is checked with the provider before the first step is known
		if err := t.ready(); err != nil {
			return err
		}
	}
	st, kept := keeper.Resume(ctx, t.engine(), st)
	opts := tuiOptions(e.getenv, s, f, t, st, cmp.Or(keeper.Warning(), kept, note))
	opts.OpenURL = browser.Opener(e.getenv)
	opts.Printer = e.printer(st.Lang)
	var docs sampledocs.Folder // a company demo's documents, written when the company is chosen
	defer docs.Remove()
	opts.SampleDocuments = docs.Fill
	// Paint first: the embedded sandbox may still be starting.
	opts.Ready, opts.Terms = t.started, t.terms
	if t.progressPath != "" { // a demo keeps nothing, and its screens promise no resume
		opts.Save = func(st flow.State, step flow.Step) error {
			keeper.KeepNow(st) // a login is kept at once, not only at a clean exit
			return flow.SaveProgress(t.progressPath, flow.ProgressOf(t.provider.Name(), st, step, started, time.Now()))
		}
	}
	app := tui.New(ctx, opts)
	tr := e.printer(s.Lang.Value) // the last words are the wizard's too
	_, err := runGuarded(ctx, app, e, dlog, t.painted)
	if err != nil && errors.Is(err, errCrashed) {
		return crashed(err, f.debugFile, "your progress is kept: run onboard again to resume")
	}
	if err := app.StartErr(); err != nil {
		return err // as it was said before the wizard painted first
	}
	ending, final, endErr := app.Ending()
	keeper.KeepFrom(final)
	switch {
	case errors.Is(err, tea.ErrInterrupted), errors.Is(err, tea.ErrProgramKilled), ending == tui.EndInterrupted, ending == tui.EndRunning && err == nil:
		fmt.Fprintln(e.stderr, wrap.Words(stoppedLine(tr, f.demo), app.Width())) // at spaces, as the closing line
		return silently(exitInterrupted, context.Canceled)
	case err != nil:
		return i18n.Errorf("the wizard stopped: %v", err)
	}
	switch ending {
	case tui.EndDone:
		return finishedTUI(e, tr, f, t, app, final)
	case tui.EndWaiting:
		fmt.Fprintln(e.stderr, wrap.Words(stoppedLine(tr, f.demo), app.Width())) // at spaces, as the closing line
		return silently(exitWaiting, errors.New("stopped while waiting"))
	}
	if endErr == nil {
		endErr = flow.Say("onboarding stopped")
	}
	return withCode(exitError, errors.New(tr.M(flow.Explanation(endErr, t.provider.Needs()))))
}

// finishedTUI ends a wizard whose every step is done: the progress file
// goes, the summary is printed (as JSON with --json), and an account the
// provider does not say is active ends with its sentence and exit code.
func finishedTUI(e *env, tr i18n.Printer, f wizardFlags, t *target, app *tui.App, final flow.State) error {
	_ = flow.RemoveProgress(t.progressPath)
	sum := flow.NewSummary(t.provider.Name(), t.phone != nil, app.Plan(), final)
	if f.jsonOut {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(sum); err != nil {
			return i18n.Errorf("writing the summary: %v", err)
		}
	}
	if !sum.Onboarded { // every step done, but the account is not active
		code := exitError
		if flow.AccountWaits(api.Account(sum.Account)) {
			code = exitWaiting
		}
		return withCode(code, errors.New(tr.T(flow.AccountNote(api.Account(sum.Account)))))
	}
	if f.jsonOut {
		return nil
	}
	if final.Org.ID != "" { // a company (the plan may have been chosen in the wizard)
		fmt.Fprintln(e.stdout, wrap.Words(tr.F("✓ %s is a customer of the bank (company %s).", final.Organization.Company.LegalName, final.Org.ID), app.Width()))
		return nil
	}
	// Wrapped at spaces to the window, so that the terminal does not
	// break a word ("identity appr|oved") or the customer id; the phone
	// as every screen shows it (the JSON summary keeps E.164), its groups
	// held together by no-break spaces.
	fmt.Fprintln(e.stdout, wrap.Words(tr.F("✓ You are a verified customer: %s, %s, identity %s (customer %s).",
		strings.ReplaceAll(flow.FormatPhone(final.Phone), " ", "\u00a0"), sum.Email, tr.M(flow.KYCWord(api.KYCStatus(sum.KYC))), sum.ConsumerID), app.Width()))
	return nil
}

// tuiOptions is what a wizard on target t starts with, for a person at
// this terminal or in an SSH session (getenv reads their environment).
func tuiOptions(getenv func(string) string, s settings, f wizardFlags, t *target, st flow.State, note *flow.Text) tui.Options {
	opts := tui.Options{
		Engine: t.engine(), Plan: t.plan, State: st,
		Region: regionFromLocale(getenv), Policy: flow.DefaultPolicy(),
		ResendCooldown: sandbox.DefaultResendCooldown, Sandbox: t.phone != nil,
		Theme: s.Theme.Value, Notice: note,
	}
	if t.phone != nil {
		opts.Outbox = t.phone
	}
	if desc, ok := providers.Lookup(t.provider.Name()); ok && t.organization == nil {
		if p, ok := desc.Plan(finhub.PlanOrganization); ok { // "for myself / for my company" first
			opts.CompanyPlan = flow.Plan(p.Steps)
			if f.demo { // a demo's company is filled in, as its person is
				org := sampleCompany(f)
				opts.SampleCompany = &org
			}
		}
	}
	if t.embedded {
		opts.SecretTTL = sandbox.DefaultSecretTTL
	}
	if f.demo {
		opts.Demo, opts.Notice = true, flow.Say(demoNotice)
	}
	return opts
}

// regionFromLocale is config.RegionFromLocale.
func regionFromLocale(getenv func(string) string) string { return config.RegionFromLocale(getenv) }

// errCrashed says a screen or a command panicked; the guard ended the
// program and Bubble Tea restored the terminal.
var errCrashed = errors.New("an internal error stopped onboard")

// runGuarded runs m as the program, with a guard that turns a panic into
// an ordinary end; the stack goes to the debug log, never the screen. Its
// first frame comes from Run itself, at the terminal's size, and painted
// (when not nil) is told of it (tui.FirstFrame).
func runGuarded(ctx context.Context, m tea.Model, e *env, dlog *slog.Logger, painted func()) (tea.Model, error) {
	w, h := wrap.TerminalSize(e.stdout)
	g := tui.NewGuard(tui.FirstFrame(crashHook(m, e.getenv), w, h, painted))
	p := tea.NewProgram(g, tea.WithContext(ctx), tea.WithOutput(e.stdout), tea.WithFPS(frameRate(e.getenv)))
	g.OnViewCrash(p.Quit)
	out, err := p.Run()
	if c := g.Crash(); c != nil {
		if dlog != nil {
			dlog.Error("crash", "panic", fmt.Sprint(c.Value), "stack", string(c.Stack))
		}
		return out, errCrashed
	}
	return out, err
}

// crashed is the one line a crash ends with: what happened, where the
// details are, and what to do.
func crashed(err error, debugFile, next string) error {
	where := "run it again with --debug FILE to keep the details for support"
	if debugFile != "" {
		where = "the details are in " + debugFile
	}
	return withCode(exitError, fmt.Errorf("%w (%s); %s", err, where, next))
}
