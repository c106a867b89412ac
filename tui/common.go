package tui

import (
	"context"
	"github.com/onboard-cli/onboard/api/sandbox/outbox"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/i18n"
)

// requestTimeout bounds every provider call the wizard makes.
const requestTimeout = 30 * time.Second

// Outbox reads the sandbox's outbox for the sandbox phone panel
// (*outbox.Client satisfies it).
type Outbox interface {
	Messages(ctx context.Context, recipient string, since int64) ([]outbox.Message, error)
}

// Options is what the wizard needs from its caller.
type Options struct {
	Engine flow.Engine
	// Plan is the provider's plan (its descriptor's); required.
	Plan flow.Plan
	// CompanyPlan, when set, is the provider's plan for a company: a new
	// run first asks whom the account is for (tui/screen_kind.go).
	CompanyPlan flow.Plan
	// SampleCompany, when set, fills in the company and its people once
	// the person chooses the company's plan (a demo's).
	SampleCompany *flow.Organization
	// SampleDocuments, when set, writes the sample company's KYB
	// documents once the person chooses the company's plan (never before
	// the first frame, nor for a person), and names the folder they are in
	// (sampledocs.Folder.Fill).
	SampleDocuments func(flow.Organization) (flow.Organization, string, error)
	// State is where the run starts (fresh, or restored from progress).
	State flow.State
	// Codes is the provider's calling-code list; Region the country the
	// phone screen starts on ("FR").
	Codes  []string
	Region string
	Policy flow.Policy
	// SecretTTL is the SMS secret's lifetime when known (the sandbox's);
	// zero shows no countdown. ResendCooldown is the wait between sends
	// (30 s when zero).
	SecretTTL      time.Duration
	ResendCooldown time.Duration
	// Sandbox shows the SANDBOX badge; Outbox (may be nil) feeds the
	// sandbox phone panel, polled every OutboxEvery.
	Sandbox bool
	// Demo shows a DEMO badge instead: a sandbox run for an audience.
	Demo        bool
	Outbox      Outbox
	OutboxEvery time.Duration
	// Save writes the progress file; it runs in a Cmd.
	Save func(flow.State, flow.Step) error
	// OpenURL opens a link in a local browser; nil hides the key.
	OpenURL func(string) error
	// Theme is "light", "dark" or "" (ask the terminal).
	Theme string
	// DocumentsDir is where the file picker for identity documents
	// starts; "" is the working directory.
	DocumentsDir string
	// Notice is shown once at the start ("Resuming where you left off").
	Notice *flow.Text
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	// Tick schedules the message fn makes after d: tea.Tick when nil.
	// Every timer of the wizard's own (polls, countdowns, retries, the
	// phone panel) goes through it, so a test that drives Update by hand
	// can leave them unscheduled and fire them itself.
	Tick func(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd
	// Assisted is a run a support agent continues for the customer beside
	// them (onboard agent): before a password a screen hands the keyboard
	// to the customer, what they type is not echoed and no key reveals
	// it, and the run's end (or ctrl+c) sends AssistEndedMsg back to the
	// console instead of quitting the program.
	Assisted bool
	// Ready, when set, waits until the provider can answer (the embedded
	// sandbox starting in the background) and says why it cannot. The
	// wizard paints meanwhile; a failure is shown in it, and ends it once
	// the person has read it (App.StartErr).
	Ready func() error
	// Terms are the terms known before any fetch (the embedded sandbox's,
	// which ship in assets): the terms screen shows them at once while
	// the provider's own are fetched.
	Terms api.Terms
	// Printer speaks the person's language (State.Lang): the run's one
	// printer, passed down rather than built again; the zero Printer is
	// replaced by one for State.Lang.
	Printer i18n.Printer
}

// common is what the root shares with every screen: the run's context and
// state, the size left for the screen, the styles and keys. Only Update
// (on the program's goroutine) changes it; Cmds get copies of what they need.
type common struct {
	ctx    context.Context
	opts   Options
	st     flow.State
	width  int
	height int
	// frameW and frameH are what the window has around a screen (the
	// header, the banner, the help, the sandbox phone): a screen that
	// needs w×h needs a window of (w+frameW)×(h+frameH).
	frameW, frameH int
	styles         Styles
	keys           keyMap
	// gen is the generation of in-flight work: results and ticks of an
	// older generation are dropped (a poll before "new link", a screen left).
	gen      int
	inflight int
	codes    []flow.Country
	// tr is the wizard's own text in the person's language.
	tr i18n.Printer
}

// restyle sets the styles for a dark or light background; French labels
// ("› Mot de passe") need a wider column than English ones.
func (c *common) restyle(dark bool) {
	c.styles = NewStyles(dark)
	if c.tr.Lang() == "fr" {
		c.styles.Label = c.styles.Label.Width(17)
		c.styles.Focused = c.styles.Focused.Width(17)
	}
}

// T is s in the person's language (package i18n).
func (c *common) T(s string) string { return c.tr.T(s) }

// F formats with format in the person's language.
func (c *common) F(format string, args ...any) string { return c.tr.F(format, args...) }

// M is the message m (from flow) in the person's language.
func (c *common) M(m i18n.Keyed) string { return c.tr.M(m) }

// explain is flow's explanation of err, as a sentence in the person's
// language.
func (c *common) explain(err error) string {
	return sentence(c.tr.M(flow.Explanation(err, c.needs())))
}

// refusal is what a validator's err says, as a sentence in the person's
// language.
func (c *common) refusal(err error) string { return sentence(c.tr.Err(err)) }

func (c *common) now() time.Time {
	if c.opts.Now != nil {
		return c.opts.Now()
	}
	return time.Now()
}

// needs is what the provider asks of the person (api.Needs); the screens
// and the stepper follow it rather than the provider's name.
func (c *common) needs() api.Needs {
	if c.opts.Engine.P == nil {
		return api.Needs{}
	}
	return c.opts.Engine.P.Needs()
}

// resendKey is the ctrl+r binding for a code sent at sent: its help shows
// the wait while a resend is not allowed yet.
func (c *common) resendKey(sent time.Time) key.Binding {
	if wait := c.resendIn(sent); wait > 0 || c.busy() {
		return key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", c.F("new code in %s", flow.HowLong(wait))))
	}
	return c.keys.Resend
}

// resendIn is how long after a message sent at sent another may be asked
// for (the resend cooldown starts with a successful send).
func (c *common) resendIn(sent time.Time) time.Duration {
	return flow.ResendIn(sent, c.now(), c.opts.ResendCooldown)
}

// busy reports whether a provider call of this generation is in flight;
// screens start one call at a time, so results never overwrite each other.
func (c *common) busy() bool { return c.inflight > 0 }

// supersede drops every result and tick still to come from earlier work.
func (c *common) supersede() {
	c.gen++
	c.inflight = 0
}

// opMsg carries the result of an Engine operation: the state it returned
// (even on error, with what was learnt) and the error. fn and tries let
// the root try it again after connection trouble.
type opMsg struct {
	gen   int
	op    string
	st    flow.State
	err   error
	fn    func(context.Context, flow.State) (flow.State, error)
	tries int
}

// tickMsg is a screen's timer (countdown, poll) for one generation.
type tickMsg struct {
	gen  int
	what string
}

// advanceMsg asks the root for the plan's next step.
type advanceMsg struct{}

func advance() tea.Msg { return advanceMsg{} }

// run performs an Engine operation in a Cmd with a copy of the state.
func (c *common) run(op string, fn func(context.Context, flow.State) (flow.State, error)) tea.Cmd {
	c.inflight++
	return c.attempt(op, fn, 0)
}

// attempt is one try of an operation already counted in flight.
func (c *common) attempt(op string, fn func(context.Context, flow.State) (flow.State, error), tries int) tea.Cmd {
	st, gen, parent := c.st, c.gen, c.ctx
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(parent, requestTimeout)
		defer cancel()
		next, err := fn(ctx, st)
		return opMsg{gen: gen, op: op, st: next, err: err, fn: fn, tries: tries}
	}
}

// tick schedules a tickMsg for this generation after d.
func (c *common) tick(d time.Duration, what string) tea.Cmd {
	gen := c.gen
	return c.opts.Tick(d, func(time.Time) tea.Msg { return tickMsg{gen: gen, what: what} })
}

// screen is one step's model. Screens return strings; only the root
// returns a tea.View.
type screen interface {
	Init() tea.Cmd
	Update(tea.Msg) (screen, tea.Cmd)
	View() string
	// Keys lists the bindings that work now, for the help line.
	Keys() []key.Binding
	// Label is the stepper entry the screen stands on.
	Label() string
}
