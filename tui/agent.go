package tui

import (
	"context"
	"errors"
	"fmt"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/assets"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/i18n"
)

// AgentOptions is what the support agent's console needs from its caller.
type AgentOptions struct {
	// Dir is the partner's side of the provider; Needs and Plan (required)
	// say what its consumers go through (for the detail view's steps).
	Dir   flow.Directory
	Needs api.Needs
	Plan  flow.Plan
	// Partner names the partner in the header; Sandbox shows the badge.
	Partner string
	Sandbox bool
	// Codes and Region are for reading phone numbers typed in a search
	// or the new-consumer form.
	Codes  []string
	Region string
	// PageSize is how many consumers a page holds (10 when zero).
	PageSize int
	// Theme is "light", "dark" or "" (ask the terminal).
	Theme string
	Now   func() time.Time
	// Tick arms the console's timers (tea.Tick when nil): the quiet reads
	// that follow a KYC link's status.
	Tick func(time.Duration, func(time.Time) tea.Msg) tea.Cmd
	// Wizard is the customer's wizard (engine, sandbox phone, timings) for
	// "continue onboarding"; the console fills in the plan, the state from
	// the consumer's snapshot and Assisted. Nil hides the action.
	Wizard *Options
	// Lang is the customer's language, for the terms.
	Lang string
	// Notice is a warning shown until the first key press (where the
	// partner token is kept).
	Notice string
	// Ready, when set, waits until the provider can answer (the embedded
	// sandbox starting in the background) and says why it cannot; the
	// console paints meanwhile (Agent.StartErr).
	Ready func() error
}

// Agent is the support agent's console: search the partner's consumers,
// page through them in a table, open one to see every status and the next
// step, and act for them (a fresh KYC link shown as a QR code for the
// customer's phone, a new email link, a new consumer). Nothing it shows
// is a customer's secret: the partner's API returns none.
type Agent struct {
	c *common
	o AgentOptions
	// at is the page on show, one of the five below.
	at     agentPage
	search *searchPage
	list   *listPage
	detail detailPage
	kyc    *kycPage
	create *createPage
	// asked is the last search sent, results its answer, cur the
	// consumer on show.
	asked   api.Search
	results api.ConsumerPage
	cur     api.Snapshot
	// wiz is the customer's wizard while it runs in the console.
	wiz  *App
	k    agentKeys
	help help.Model
	// busy says what is in flight ("Searching…"), banner the last
	// outcome (bannerOK for good news).
	busy     string
	banner   string
	bannerOK bool
	themed   bool
	// fullHelp shows every key of the page in place of its body (?, f1).
	fullHelp bool
	// closing: the console is ending; its last frame is blank.
	closing bool
	// notice is AgentOptions.Notice until the first key press.
	notice string
	winW   int
	winH   int
	// startErr is why the provider did not start (agent_start.go).
	startErr error
}

// NewAgent builds the console. ctx ends every provider call when done.
func NewAgent(ctx context.Context, o AgentOptions) *Agent {
	if o.PageSize <= 0 {
		o.PageSize = 10
	}
	if o.Codes == nil {
		o.Codes = assets.CallingCodes()
	}
	c := &common{ctx: ctx, opts: Options{Now: o.Now, Codes: o.Codes, Region: o.Region, Policy: flow.DefaultPolicy(), Tick: o.Tick},
		keys: defaultKeys(false, i18n.Printer{})}
	if c.opts.Tick == nil {
		c.opts.Tick = tea.Tick
	}
	c.restyle(o.Theme != "light")
	a := &Agent{c: c, o: o, notice: o.Notice, k: newAgentKeys(), help: help.New(), themed: o.Theme == "light" || o.Theme == "dark"}
	a.help.Styles = help.DefaultStyles(c.styles.IsDark())
	a.search, a.list, a.detail = newSearchPage(a), newListPage(a), detailPage{a}
	a.kyc, a.create = &kycPage{a: a}, &createPage{a: a}
	a.at = a.search
	a.list.restyle()
	return a
}

// agentKeys are the console's bindings.
type agentKeys struct {
	search, filter, filterBack, open, next, prev, newSearch, create, kyc, email, refresh, back, submit, field, cont key.Binding
}

func newAgentKeys() agentKeys {
	return agentKeys{
		search:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "search")),
		filter:     key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "filters")),
		filterBack: key.NewBinding(key.WithKeys("shift+tab")),
		open:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		next:       key.NewBinding(key.WithKeys("right", "pgdown", "l"), key.WithHelp("→", "next page")),
		prev:       key.NewBinding(key.WithKeys("left", "pgup", "h"), key.WithHelp("←", "previous page")),
		newSearch:  key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		create:     key.NewBinding(key.WithKeys("ctrl+n"), key.WithHelp("ctrl+n", "new consumer")),
		kyc:        key.NewBinding(key.WithKeys("k"), key.WithHelp("k", "new KYC link")),
		email:      key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "resend email link")),
		refresh:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh")),
		back:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		submit:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "create")),
		field:      key.NewBinding(key.WithKeys("tab", "shift+tab", "up", "down"), key.WithHelp("tab", "next field")),
		cont:       key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "continue onboarding")),
	}
}

// agentResult is the answer to one of the console's provider calls.
type agentResult struct {
	gen  int
	op   string // "search", "find", "kyc", "email", "create"
	page api.ConsumerPage
	snap api.Snapshot
	link api.KYCLink
	err  error
}

// call runs fn in a Cmd, bounded by the request timeout; a result from an
// older generation (a view left) is dropped.
func (a *Agent) call(op, busy string, fn func(context.Context) agentResult) tea.Cmd {
	a.c.supersede()
	a.busy, a.banner = busy, ""
	gen, parent := a.c.gen, a.c.ctx
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(parent, requestTimeout)
		defer cancel()
		r := fn(ctx)
		r.gen, r.op = gen, op
		return r
	}
}

// Init implements tea.Model.
func (a *Agent) Init() tea.Cmd {
	cmds := []tea.Cmd{waitReady(a.o.Ready), a.search.query.Focus(), a.runSearch("preload", 0)}
	if !a.themed {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

// find re-reads the current consumer.
func (a *Agent) find() tea.Cmd {
	dir, id := a.o.Dir, a.cur.ConsumerID
	return a.call("find", "Reading the consumer…", func(ctx context.Context) agentResult {
		snap, err := dir.Find(ctx, api.Lookup{ConsumerID: id})
		return agentResult{snap: snap, err: err}
	})
}

// Update implements tea.Model.
func (a *Agent) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	// The window and the colours are the console's, even while the
	// customer's wizard runs in it (which gets them too).
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.winW, a.winH = msg.Width, msg.Height
		a.layout()
	case tea.BackgroundColorMsg:
		if !a.themed {
			a.c.restyle(msg.IsDark())
			a.help.Styles = help.DefaultStyles(msg.IsDark())
			a.list.restyle()
		}
	}
	if r, ok := msg.(readyMsg); ok {
		a.ready(r)
		return a, nil
	}
	if a.startErr != nil {
		return a, a.unstarted(msg)
	}
	if a.wiz != nil {
		return a, a.updateWizard(msg)
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg, tea.BackgroundColorMsg:
		return a, nil
	case agentResult:
		if msg.gen != a.c.gen {
			return a, nil
		}
		return a, a.result(msg)
	case tea.KeyPressMsg:
		if key.Matches(msg, a.c.keys.Quit) {
			a.closing = true
			return a, tea.Quit
		}
		a.notice = ""
		if a.helpKey(msg) {
			return a, nil
		}
		if cmd, ok := a.at.key(msg); ok {
			return a, cmd
		}
	}
	return a, a.at.update(msg)
}

// result takes in a provider call's answer.
func (a *Agent) result(r agentResult) tea.Cmd {
	a.busy = ""
	if r.err != nil {
		if e, ok := api.AsError(r.err); ok && r.op == "create" && len(e.Fields) > 0 {
			a.create.form.setFieldError(e.Fields[0].Field, e.Fields[0].Message)
		}
		a.banner, a.bannerOK = sentence(a.explain(r)), false
		return nil
	}
	switch r.op {
	case "search", "preload":
		a.results = r.page
		a.list.show()
		if r.op == "search" { // asked for: show the results (preload waits for the words)
			a.showList()
		}
		switch {
		case len(r.page.Consumers) > 0:
		case r.op == "preload": // nothing was asked: an empty sandbox is no mistake
			a.notice = "No consumers yet: create one with ctrl+n."
		default:
			a.banner = "No consumer matches: check the words, change the filters (tab), or create one (ctrl+n)."
		}
	case "find", "follow":
		a.cur = r.snap
		return a.kyc.follow()
	case "kyc":
		if r.link.URL == "" {
			a.banner, a.bannerOK = "No new link: the identity check is already with the provider ("+string(r.link.Status)+").", true
			return a.find()
		}
		a.kyc.show(r.link)
		a.cur.KYC = api.KYCCreated
		return a.kyc.follow()
	case "email":
		a.banner, a.bannerOK = "A new verification link was sent to "+a.cur.Email+".", true
	case "create":
		a.cur, a.at, a.create.form = r.snap, a.detail, nil
		a.banner, a.bannerOK = "Consumer created. Press c to continue: the customer accepts the terms and sets a password with the SMS secret.", true
	}
	return nil
}

// explain is the sentence for a failed call, said the agent's way where
// it differs from the customer's.
func (a *Agent) explain(r agentResult) string {
	if r.op == "create" && errors.Is(r.err, api.ErrPhoneTaken) {
		return "This phone number already belongs to a consumer: find it with the search (esc, then type the number)"
	}
	return flow.Explain(r.err, a.o.Needs)
}

// layout fits the views to the window.
func (a *Agent) layout() {
	a.help.SetWidth(a.winW)
	a.c.width, a.c.height = a.winW, a.winH-4
	a.list.resize(a.winW, a.winH)
}

// View implements tea.Model.
func (a *Agent) View() tea.View {
	var v tea.View
	v.AltScreen = true
	v.WindowTitle = "onboard agent"
	if a.wiz != nil {
		return a.wiz.View()
	}
	if a.winW == 0 || a.closing {
		return v // closing: a blank last frame leaves nothing over the shell
	}
	s := a.c.styles
	if a.winW < minWidth || a.winH < minHeight {
		v.SetContent(lipgloss.NewStyle().Width(a.winW).Render(s.Warn.Render(fmt.Sprintf(
			"Make the window larger: onboard agent needs %d×%d, this one is %d×%d.", minWidth, minHeight, a.winW, a.winH))))
		return v
	}
	body := a.at.body()
	if a.fullHelp {
		body = fullHelpView(a.c, append(append([]key.Binding{}, a.at.keys()...), a.c.keys.Quit))
	}
	line := ""
	switch {
	case a.startErr != nil:
		line = a.unstartedLine()
	case a.busy != "":
		line = s.Muted.Render(a.busy)
	case a.banner != "" && a.bannerOK:
		line = s.Good.Render(a.banner)
	case a.banner != "":
		line = s.Banner.Render(a.banner)
	case a.notice != "":
		line = s.Warn.Render(a.notice)
	}
	line = lipgloss.NewStyle().Width(a.winW).Render(line) // wrapped before it is measured
	bodyH := a.winH - 3 - lipgloss.Height(line)
	body = lipgloss.NewStyle().Width(a.winW).Height(bodyH).MaxHeight(bodyH).Render(body)
	helpLine := footer(a.help, a.at.keys(), []key.Binding{moreKey(a.c, a.typing()), a.c.keys.Quit}, a.winW)
	v.SetContent(lipgloss.JoinVertical(lipgloss.Left, a.header(), "", body, line, helpLine))
	return v
}

func (a *Agent) header() string {
	s := a.c.styles
	h := s.Title.Render("onboard agent") + s.Muted.Render(" · partner "+a.o.Partner)
	if a.o.Sandbox {
		h += "  " + s.Badge.Render("SANDBOX")
	}
	return truncate(h, a.winW)
}
