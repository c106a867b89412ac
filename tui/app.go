// Package tui is onboard's full-screen wizard: one Bubble Tea program for
// the whole run. The root (App) draws the stepper, the current step's
// screen, a banner for recoverable errors, the sandbox phone and the help
// line; each step kind has its own screen (screen_*.go). The screens render
// what package flow says and send the person's input to flow.Engine in
// Cmds; they never do I/O themselves.
package tui

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/assets"
	"github.com/onboard-cli/onboard/flow"
)

// The smallest window the wizard draws in.
const (
	minWidth  = 60
	minHeight = 20
)

// FPS is the most frames a second the wizard's program draws
// (tea.WithFPS). Its Bubble Tea (third_party/bubbletea) draws the first
// frame at once and nothing while no view changes, so the rate only
// bounds how soon a change follows another; idling costs the same at 30,
// 45 or 60 (0.2-0.3% of a core, bench/RESULTS.md). A wizard's screens
// animate no more than a spinner: 30 is plenty.
const FPS = 30

// Ending says how a run ended.
type Ending int

// The endings; the command maps them to exit codes.
const (
	// EndRunning: the program stopped without the wizard ending it
	// (a signal): treat it as interrupted.
	EndRunning Ending = iota
	EndDone
	EndInterrupted
	EndWaiting
	EndDeclined
	EndFailed
)

// String names the ending, for logs.
func (e Ending) String() string {
	names := [...]string{"running", "done", "interrupted", "waiting", "declined", "failed"}
	if e < 0 || int(e) >= len(names) {
		return fmt.Sprintf("Ending(%d)", int(e))
	}
	return names[e]
}

// App is the root model.
type App struct {
	c      *common
	screen screen
	step   flow.Step
	help   help.Model
	banner string
	ending Ending
	err    error
	outbox sandboxPhone
	themed bool
	// saveWarn says the progress file cannot be written, while it lasts.
	saveWarn string
	// terms is flow.TermsNote when it happens (terms_note.go).
	terms termsNote
	// saved is what the last write held; saving, a write is in flight;
	// dirty, the state changed meanwhile; then, what to do once written.
	saved  flow.Progress
	saving bool
	dirty  bool
	then   tea.Cmd
	winW   int
	winH   int
	// bannerOK marks the banner as good news rather than an error.
	bannerOK bool
	// customer says the keyboard is with the customer (an assisted run,
	// on a password step).
	customer bool
	// retrying is an operation that met connection trouble, to be tried
	// again at the "retry" tick.
	retrying *opMsg
	// fullHelp shows every key of the screen in place of its body (?).
	fullHelp bool
	// startErr is why the provider did not start (start.go).
	startErr error
}

// AssistEndedMsg is how an assisted run (Options.Assisted) ends: the
// ending, the state it reached and, when it failed, why.
type AssistEndedMsg struct {
	Ending Ending
	State  flow.State
	Err    error
}

// New builds the wizard. ctx ends every provider call when it is done.
func New(ctx context.Context, opts Options) *App {
	if opts.Codes == nil {
		opts.Codes = assets.CallingCodes()
	}
	if opts.Policy.Initial == 0 {
		opts.Policy = flow.DefaultPolicy()
	}
	if opts.ResendCooldown <= 0 {
		opts.ResendCooldown = 30 * time.Second
	}
	if opts.OutboxEvery == 0 {
		opts.OutboxEvery = 1500 * time.Millisecond
	}
	if opts.Tick == nil {
		opts.Tick = tea.Tick
	}
	tr := opts.Printer.For(opts.State.Lang)
	c := &common{ctx: ctx, opts: opts, st: opts.State, keys: defaultKeys(opts.Save != nil, tr), tr: tr}
	c.restyle(opts.Theme != "light")
	if opts.Assisted {
		c.keys.Reveal.SetEnabled(false)
		c.keys.Quit.SetHelp("ctrl+c", tr.T("back to the console"))
	}
	a := &App{c: c, help: help.New(), themed: opts.Theme == "light" || opts.Theme == "dark"}
	a.help.Styles = help.DefaultStyles(c.styles.IsDark())
	a.outbox = newSandboxPhone(c)
	return a
}

// Ending returns how the run ended, the final state, and the reason when
// it failed or was declined.
func (a *App) Ending() (Ending, flow.State, error) { return a.ending, a.c.st, a.err }

// Plan is the plan the run follows: Options.Plan, or the company's when
// the person chose it (tui/screen_kind.go).
func (a *App) Plan() flow.Plan { return a.c.opts.Plan }

// Width is the window's width when the wizard last heard of it (0 before
// it did): the closing line the shell keeps is wrapped to it.
func (a *App) Width() int { return a.winW }

// Init implements tea.Model.
func (a *App) Init() tea.Cmd {
	if len(a.c.opts.Plan) == 0 { // nothing to do is not "done": never say verified
		return end(EndFailed, errors.New("onboard has no plan for this provider; this is a bug in onboard, please report it"))
	}
	var ask tea.Cmd
	a.outbox, ask = a.outbox.Init()
	if len(a.c.opts.CompanyPlan) > 0 && a.c.st.Org.ID != "" {
		a.c.opts.Plan = a.c.opts.CompanyPlan // a company's run, resumed
	}
	var first tea.Cmd
	if asksKind(a.c) { // the choice comes first; entering a step now would start its work and a save
		a.step, a.screen = a.c.opts.Plan.Next(a.c.st, a.c.now()), newKindScreen(a.c)
	} else {
		first = a.enter(a.c.opts.Plan.Next(a.c.st, a.c.now()))
	}
	cmds := []tea.Cmd{waitReady(a.c.opts.Ready), note(capital(a.c.M(a.c.opts.Notice))), first, ask}
	if !a.themed {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

// enter builds the screen for step and returns its first command.
func (a *App) enter(step flow.Step) tea.Cmd {
	a.c.supersede()
	a.step = step
	a.banner, a.retrying = "", nil
	a.terms.entered()
	a.outbox.stepStart = a.c.now()
	if sent := sentFor(step, a.c.st); !sent.IsZero() {
		// A resumed step shows the message sent before the quit: the
		// provider's clock stamped it during the call that ended at sent.
		a.outbox.stepStart = sent.Add(-requestTimeout)
	}
	if a.c.opts.Assisted {
		secret := step == flow.StepCredentials || step == flow.StepLogin
		if secret != a.customer { // the keyboard changes hands first
			a.screen = newHandoverScreen(a.c, step, !secret)
			a.layout()
			return a.saveCmd()
		}
	}
	switch step {
	case flow.StepTerms:
		a.screen = newTermsScreen(a.c)
	case flow.StepRegister:
		a.screen = newRegisterScreen(a.c)
	case flow.StepCredentials:
		a.screen = newCredentialsScreen(a.c)
	case flow.StepLogin:
		a.screen = newLoginScreen(a.c)
	case flow.StepKYC:
		a.screen = newKYCScreen(a.c)
	case flow.StepEmail:
		a.screen = newEmailScreen(a.c)
	case flow.StepEmailCode:
		a.screen = newCodeScreen(a.c, api.ChannelEmail)
	case flow.StepPhoneCode:
		a.screen = newCodeScreen(a.c, api.ChannelSMS)
	case flow.StepCategory:
		a.screen = newCategoryScreen(a.c)
	case flow.StepActivate:
		a.screen = newActivateScreen(a.c)
	default:
		if a.screen = orgScreen(a.c, step); a.screen == nil {
			a.step = flow.StepDone
			a.screen = newDoneScreen(a.c)
		}
	}
	a.layout()
	return tea.Batch(a.screen.Init(), a.saveCmd())
}

// sentFor is when the step's code or link last went out, or zero.
func sentFor(step flow.Step, st flow.State) time.Time {
	if step == flow.StepActivate {
		return st.TermsAcceptedAt // the last consent is what sends the code
	}
	return st.SentAt(flow.MessageOf(step))
}

// saveCmd writes the progress file with a copy of the state, when what
// it holds changed (polls change nothing it keeps). One write is in flight
// at a time, so an older state never lands after a newer one; a change
// meanwhile is written when that one is done.
func (a *App) saveCmd() tea.Cmd {
	save := a.c.opts.Save
	if save == nil {
		return nil
	}
	key := flow.ProgressOf("", a.c.st, a.step, time.Time{}, time.Time{})
	if reflect.DeepEqual(key, a.saved) { // its organisation parts are pointers
		return nil
	}
	if a.saving {
		a.dirty = true
		return nil
	}
	a.saving, a.saved = true, key
	st, step := a.c.st, a.step
	return func() tea.Msg { return saveMsg{err: save(st, step)} }
}

// closing reports whether the program is ending (the wizard has an ending
// and no console to go back to): its last frame is then blank.
func (a *App) closing() bool { return a.ending != EndRunning && !a.c.opts.Assisted }

// finish ends the program with cmd (tea.Quit) once the
// last state is saved.
func (a *App) finish(cmd tea.Cmd) tea.Cmd {
	if a.c.opts.Assisted {
		ended := AssistEndedMsg{Ending: a.ending, State: a.c.st, Err: a.err}
		cmd = func() tea.Msg { return ended }
	}
	if a.saving {
		a.dirty, a.then = true, cmd
		return nil
	}
	return tea.Sequence(a.saveCmd(), cmd)
}

type saveMsg struct{ err error }

// endMsg ends the program with an ending; screens send it.
type endMsg struct {
	ending Ending
	err    error
}

func end(e Ending, err error) tea.Cmd {
	return func() tea.Msg { return endMsg{ending: e, err: err} }
}

// bannerMsg shows a line above the help: a recoverable error, or (ok) a
// note such as "link copied", in the person's language. An empty text
// clears it.
type bannerMsg struct {
	text string
	ok   bool
}

func note(text string) tea.Cmd { return func() tea.Msg { return bannerMsg{text: text, ok: true} } }

// Update implements tea.Model.
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if a.startErr != nil {
		return a.unstarted(msg)
	}
	switch msg := msg.(type) {
	case readyMsg:
		a.startErr = msg.err
		return a, nil
	case tea.WindowSizeMsg:
		a.winW, a.winH = msg.Width, msg.Height
		a.layout()
	case tea.BackgroundColorMsg:
		if !a.themed {
			a.c.restyle(msg.IsDark())
			a.help.Styles = help.DefaultStyles(msg.IsDark())
		}
	case tea.KeyPressMsg:
		if key.Matches(msg, a.c.keys.Quit) {
			a.ending = EndInterrupted
			if a.step == flow.StepDone {
				// Every step done: quitting the last screen finishes, as
				// enter does. It said "Progress saved", exited 130 and
				// kept a progress file that the next run resumed.
				a.ending = EndDone
			}
			return a, a.finish(tea.Quit) // a graceful end draws the blank last frame; the ending says why
		}
		if a.helpKey(msg) {
			return a, nil
		}
		if a.isBackKey(msg) {
			return a, a.goBack()
		}
	case saveMsg:
		return a, a.afterSave(msg)
	case opMsg:
		if msg.gen != a.c.gen {
			return a, nil
		}
		return a, a.answer(msg)
	case tickMsg:
		if msg.gen != a.c.gen {
			return a, nil
		}
		if msg.what == "retry" && a.retrying != nil {
			r := a.retrying
			a.retrying = nil
			return a, a.c.attempt(r.op, r.fn, r.tries+1)
		}
	case bannerMsg:
		if msg.text == "" && msg.ok {
			return a, nil // no notice
		}
		a.banner, a.bannerOK = msg.text, msg.ok
		return a, nil
	case advanceMsg:
		return a, a.enter(a.c.opts.Plan.Next(a.c.st, a.c.now()))
	case planMsg:
		return a, a.choosePlan(msg.plan)
	case sampleMsg:
		return a, a.sampleFilled(msg)
	case handedMsg:
		a.customer = !msg.back
		return a, a.enter(a.step)
	case endMsg:
		// The reason (msg.err) is said by the command once the screen is
		// gone, where it stays readable.
		a.ending, a.err = msg.ending, msg.err
		return a, a.finish(tea.Quit)
	case outboxMsg, outboxTickMsg:
		var cmd tea.Cmd
		a.outbox, cmd = a.outbox.Update(msg)
		a.layout()
		return a, cmd
	}
	if a.screen == nil {
		return a, nil
	}
	s, cmd := a.screen.Update(msg)
	a.screen = s
	return a, cmd
}

// afterSave takes in the end of a progress save, and saves again or
// finishes if the state moved on meanwhile.
func (a *App) afterSave(msg saveMsg) tea.Cmd {
	a.saving, a.saveWarn = false, ""
	if msg.err != nil {
		a.saveWarn = a.c.F("Could not save progress (%s); onboarding goes on, but a quit starts over.", api.SanitizeLine(msg.err.Error()))
		a.saved = flow.Progress{} // try again with the next change
	}
	if a.dirty {
		a.dirty = false
		if then := a.then; then != nil {
			a.then = nil
			return a.finish(then)
		}
		return a.saveCmd()
	}
	return nil
}

// answer takes in a provider call's answer: tried again by itself, or
// said in the banner and handed to the screen.
func (a *App) answer(msg opMsg) tea.Cmd {
	a.c.st = msg.st
	a.terms.follow(a.c)
	// An answer is what brings a phone or an address into the state:
	// the sandbox phone's held request then asks for it too.
	var ask tea.Cmd
	a.outbox, ask = a.outbox.follow()
	if delay, ok := a.retryable(msg); ok {
		// Still busy: the screen waits for the answer while the
		// banner says when it is tried again.
		a.retrying = &msg
		a.banner, a.bannerOK = a.c.M(flow.RetryMessage(msg.err, delay)), false
		return tea.Batch(a.c.tick(delay, "retry"), a.saveCmd(), ask)
	}
	a.c.inflight = max(0, a.c.inflight-1)
	if !a.bannerOK {
		a.banner = "" // an answer clears the last error; a notice stays for its step
	}
	if es, ok := a.screen.(errorShower); msg.err != nil && !(ok && es.showsError(msg)) {
		a.banner, a.bannerOK = a.c.explain(msg.err), false
	}
	s, cmd := a.screen.Update(msg)
	a.screen = s
	return tea.Batch(cmd, a.saveCmd(), ask)
}

// retryable reports whether a failed operation is tried again by itself,
// and after how long, as flow.Retry decides, on any step but a wait's
// poll, which has its own rule. A send refused as too soon is not: the
// screen tells the person to type the code already on its way.
func (a *App) retryable(m opMsg) (time.Duration, bool) {
	if m.fn == nil || m.op == "poll" || m.op == "send" && m.st.SentTooSoon(flow.MessageOf(a.step), m.err) {
		return 0, false
	}
	return flow.Retry(m.err, m.tries)
}

// layout gives the screen what the chrome leaves of the window: the
// header and a blank line, the banner, the help line and the sandbox phone.
func (a *App) layout() {
	a.help.SetWidth(a.winW)
	a.c.width = a.winW - a.outbox.sideWidth(a.winW)
	if a.c.width < a.winW {
		a.c.width-- // a gutter: a full line of the screen touched the panel's border
	}
	a.c.height = a.winH - 4 - a.outbox.stripHeight(a.winW)
	a.c.frameW, a.c.frameH = a.winW-a.c.width, a.winH-a.c.height
	if r, ok := a.screen.(resizer); ok && a.screen != nil {
		r.resize()
	}
}

// errorShower is a screen that shows some errors itself, with the way
// forward, instead of in the banner (a number already registered, a poll
// that will be tried again).
type errorShower interface{ showsError(opMsg) bool }

// resizer is a screen with something to fit to its size (the terms'
// viewport, the QR code).
type resizer interface{ resize() }

// View implements tea.Model.
func (a *App) View() tea.View {
	var v tea.View
	v.AltScreen = true
	v.WindowTitle = "onboard"
	if a.winW == 0 || a.closing() {
		// Closing: the last frame is blank, so that no terminal (tmux
		// after a resize) can leave any of it over the shell.
		return v // no size yet
	}
	s := a.c.styles
	if a.winW < minWidth || a.winH < minHeight {
		msg := s.Warn.Render(a.c.F("Make the window larger: onboard needs %d×%d, this one is %d×%d.", minWidth, minHeight, a.winW, a.winH)) +
			"\n\n" + s.Muted.Render(a.c.T("Your progress is kept. Ctrl+C quits."))
		v.SetContent(lipgloss.NewStyle().Width(a.winW).Render(msg))
		return v
	}
	banner, view, keys := a.bannerView(), a.screen.View(), a.screen.Keys()
	fixed := []key.Binding{moreKey(a.c, typingIn(a.screen)), a.c.keys.Quit}
	if a.startErr != nil {
		banner, view, keys, fixed = "", a.unstartedView(), nil, []key.Binding{a.leaveKey()}
	} else if a.fullHelp {
		all := append([]key.Binding{}, keys...)
		if back, ok := a.backKey(); ok {
			all = append(all, back)
		}
		view = a.fullHelpView(namedKeys(append(all, a.c.keys.Quit), a.c.tr))
	}
	bodyH := a.c.height - (lipgloss.Height(banner) - 1)
	body := lipgloss.NewStyle().Width(a.c.width).Height(bodyH).MaxHeight(bodyH).Render(view)
	if side := a.outbox.side(a.winW, bodyH); side != "" {
		body = lipgloss.JoinHorizontal(lipgloss.Top, body, " ", side)
	}
	parts := []string{a.header(), "", body}
	if strip := a.outbox.strip(a.winW); strip != "" {
		parts = append(parts, strip)
	}
	if a.startErr == nil {
		if back, ok := a.backKey(); ok {
			fixed = append([]key.Binding{back}, fixed...) // always in sight: a typo must be fixable
		}
	}
	parts = append(parts, banner, footer(a.help, namedKeys(keys, a.c.tr), namedKeys(fixed, a.c.tr), a.winW))
	v.SetContent(strings.Join(parts, "\n"))
	return v
}

// bannerView is the banner, wrapped to at most two lines; when it is
// empty, the progress file's warning, or else the terms note, which may
// take three.
func (a *App) bannerView() string {
	s := a.c.styles
	text, st, most := "✗ "+a.banner, s.Banner, 2
	terms := a.terms.shown(a.step)
	switch {
	case a.banner == "" && a.saveWarn == "" && terms == "":
		return ""
	case a.banner == "" && a.saveWarn == "":
		text, st, most = "! "+terms, s.Warn, 3
	case a.banner == "":
		text, st = "! "+a.saveWarn, s.Warn
	case a.bannerOK:
		text, st = "✓ "+a.banner, s.Good
	}
	lines := strings.Split(lipgloss.NewStyle().Width(a.winW).Render(text), "\n")
	if len(lines) > most {
		lines = lines[:most]
		lines[most-1] = truncate(strings.TrimRight(lines[most-1], " ")+" …", a.winW)
	}
	for i, l := range lines {
		lines[i] = st.Render(strings.TrimRight(l, " "))
	}
	return strings.Join(lines, "\n")
}

// header is the sandbox badge and the stepper.
func (a *App) header() string {
	s := a.c.styles
	var b strings.Builder
	switch {
	case a.c.opts.Assisted:
		b.WriteString(s.Badge.Render(a.c.T("WITH AGENT")) + " ")
	case a.c.opts.Demo:
		b.WriteString(s.Badge.Render(a.c.T("DEMO")) + " ")
	case a.c.opts.Sandbox:
		b.WriteString(s.Badge.Render(a.c.T("SANDBOX")) + " ")
	}
	now := a.screen.Label()
	entries := stepEntries(a.c.opts.Plan, a.c.needs())
	i := slices.IndexFunc(entries, func(e stepEntry) bool { return e.label == now })
	// A screen the plan does not list (the code that proves a changed
	// number) is no place in it: each step is ticked by whether it is
	// done, not by coming before it.
	listed := i >= 0
	reached := false
	var full strings.Builder
	for j, e := range entries {
		if j > 0 {
			full.WriteString(s.StepTodo.Render(" › "))
		}
		switch {
		case e.label == now:
			reached = true
			full.WriteString(s.StepNow.Render(a.c.T(e.label)))
		case now == "" || listed && !reached || a.c.st.Done(e.step, a.c.now()):
			// A later step done already keeps its tick: gone back
			// from the KYC to change a number, the password and the
			// login are still done.
			full.WriteString(s.StepDone.Render("✓ " + a.c.T(e.label)))
		default:
			full.WriteString(s.StepTodo.Render(a.c.T(e.label)))
		}
	}
	if lipgloss.Width(b.String()+full.String()) <= a.winW {
		return b.String() + full.String()
	}
	// Too narrow for every step: where we are, and what comes next.
	switch {
	case now == "":
		return b.String() + s.StepDone.Render(a.c.T("✓ All steps done"))
	case i < 0:
		return truncate(b.String()+s.StepNow.Render(a.c.T(now)), a.winW)
	}
	b.WriteString(s.Muted.Render(a.c.F("Step %d of %d: ", i+1, len(entries))) + s.StepNow.Render(a.c.T(now)))
	// Next is the first later step not done: back from the KYC to change
	// a number, the secret and the password are done already.
	for _, e := range entries[i+1:] {
		if !a.c.st.Done(e.step, a.c.now()) {
			b.WriteString(s.StepTodo.Render(a.c.F(" › next: %s", a.c.T(e.label))))
			break
		}
	}
	return truncate(b.String(), a.winW)
}

// stepEntry is one entry of the stepper: a label, as the screens label
// themselves, and the step of the plan it belongs to.
type stepEntry struct {
	label string
	step  flow.Step
}

// stepEntries are the stepper's entries for plan, in order.
func stepEntries(plan flow.Plan, needs api.Needs) []stepEntry {
	var out []stepEntry
	for _, step := range plan {
		if step == flow.StepCredentials && needs.SMSSecret {
			out = append(out, stepEntry{"Secret", step}) // a screen of its own before the password
		}
		out = append(out, stepEntry{flow.Label(step, needs), step})
	}
	return out
}

func truncate(s string, w int) string { return ansi.Truncate(s, w, "…") }

// capital is s with a capital first letter.
func capital(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// sentence capitalises an explanation and ends it with a full stop.
func sentence(s string) string {
	if s == "" {
		return s
	}
	s = capital(s)
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}
