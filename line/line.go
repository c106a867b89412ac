// Package line is onboard's second front end beside tui: the wizard one
// question at a time (--accessible, a pipe on stdin, TERM=dumb), or with
// no question at all (--no-input, every answer from a flag). Like the
// full-screen wizard it performs each step through flow.Engine and
// renders what flow's rules decide (flow/rules.go); it decides none of
// them itself.
package line

import (
	"context"
	"io"
	"time"

	"github.com/onboard-cli/onboard/api/sandbox/outbox"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/i18n"
)

// Options is what a line-mode run needs from its caller.
type Options struct {
	// Engine (its P the provider) and Plan are the provider's; Policy
	// paces the waits (flow.DefaultPolicy when zero).
	Engine flow.Engine
	Plan   flow.Plan
	Policy flow.Policy
	// Outbox reads the sandbox's outbox (the sandbox phone): nil for a
	// real provider. Embedded says the sandbox is onboard's own.
	Outbox   *outbox.Client
	Embedded bool
	// ProgressPath is where progress is saved between runs.
	ProgressPath string
	// State, Started and Note are where the run starts: fresh, or
	// restored from the progress file, with a line that says which.
	State   flow.State
	Started time.Time
	Note    *flow.Text
	// In is what the person gave by flag; Password came on stdin
	// (--password-stdin, "" without it) and is never logged or saved.
	In       Inputs
	Password string
	// Ask asks the person (a Prompter), or never (NoInput).
	Ask Asker
	// Keeper keeps the session between runs (--remember); nil keeps none.
	Keeper Keeper
	// Out gets the summary (JSON with In.JSON); Err every other line.
	Out, Err io.Writer
	Lang     string
	// Printer speaks Lang: the run's one printer (a zero one is replaced
	// by one for Lang).
	Printer i18n.Printer
	// DemoNotice is what a demo (In.Demo) says first; Stopped is said on
	// Ctrl+C; both in the person's language.
	DemoNotice, Stopped string
}

// Inputs are the answers the person gave by flag.
type Inputs struct {
	Phone, BirthDate, Gender, Nationality, Country, Category string
	// Region is the country a phone number without its +code is read
	// in (the wizard's phone screen starts on the same one).
	Region string
	// AcceptTerms is --accept-terms: "current", a version, or "" (ask).
	AcceptTerms string
	Documents   []string
	// NoInput: nothing is asked. SandboxAuto reads codes from the sandbox
	// phone and presses its KYC page's buttons. Demo keeps nothing.
	NoInput, SandboxAuto, Demo bool
	// JSON: the summary as JSON on Out.
	JSON bool
}

// Keeper keeps a consumer's session between runs (--remember).
type Keeper interface {
	// Resume gives st the session kept for its consumer, with a line
	// that says so (nil when none).
	Resume(ctx context.Context, en flow.Engine, st flow.State) (flow.State, *flow.Text)
	// KeepNow keeps st's session when it is a new one.
	KeepNow(st flow.State)
	// KeepFrom keeps the session of a run that ended at st.
	KeepFrom(st flow.State)
}

// noKeeper keeps nothing.
type noKeeper struct{}

func (noKeeper) Resume(_ context.Context, _ flow.Engine, st flow.State) (flow.State, *flow.Text) {
	return st, nil
}
func (noKeeper) KeepNow(flow.State)  {}
func (noKeeper) KeepFrom(flow.State) {}

// Run walks the plan from o.State to its end, asking what it needs as it
// goes; the error carries the exit code (internal/exit).
func Run(ctx context.Context, o Options) error {
	r := &runner{o: o, engine: o.Engine, plan: o.Plan, policy: o.Policy, ask: o.Ask, password: o.Password,
		keeper: o.Keeper, tr: o.Printer.For(o.Lang)}
	if r.policy.Initial == 0 {
		r.policy = flow.DefaultPolicy()
	}
	if r.keeper == nil {
		r.keeper = noKeeper{}
	}
	if r.ask == nil {
		r.ask = NoInput{}
	}
	return r.inLanguage(r.run(ctx))
}

// inLanguage is err as the person reads it (i18n.Printer.InLanguage).
func (r *runner) inLanguage(err error) error { return r.tr.InLanguage(err) }
