package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/table"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/assets"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/i18n"
)

// AgentOptions is what the support agent's console needs from its caller.
type AgentOptions struct {
	// Dir is the partner's side of the provider; Needs and Plan say what
	// its consumers go through (for the detail view's steps).
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
	// Wizard is the customer's wizard (engine, sandbox phone, timings) for
	// "continue onboarding"; the console fills in the plan, the state from
	// the consumer's snapshot and Assisted. Nil hides the action.
	Wizard *Options
	// Lang is the customer's language, for the terms.
	Lang string
	// Notice is a warning shown until the first key press (where the
	// partner token is kept).
	Notice string
}

// agentView is the console's current view.
type agentView int

const (
	viewSearch agentView = iota
	viewList
	viewDetail
	viewKYC
	viewCreate
	viewWizard
)

// Agent is the support agent's console: search the partner's consumers,
// page through them in a table, open one to see every status and the next
// step, and act for them (a fresh KYC link shown as a QR code for the
// customer's phone, a new email link, a new consumer). Nothing it shows
// is a customer's secret: the partner's API returns none.
type Agent struct {
	c     *common
	o     AgentOptions
	view  agentView
	query textinput.Model
	// filters are LinkCy's back-office status filters; focus is the search
	// view's field: 0 the words, i the filter i-1.
	filters []statusFilter
	focus   int
	search  api.Search
	page    api.ConsumerPage
	table   table.Model
	cur     api.Snapshot
	link    api.KYCLink
	codes   []qrCode
	form    *createForm
	wiz     *App
	k       agentKeys
	help    help.Model
	// busy says what is in flight ("Searching…"), banner the last
	// outcome (bannerOK for good news).
	busy     string
	banner   string
	bannerOK bool
	themed   bool
	// notice is AgentOptions.Notice until the first key press.
	notice string
	winW   int
	winH   int
}

// NewAgent builds the console. ctx ends every provider call when done.
func NewAgent(ctx context.Context, o AgentOptions) *Agent {
	if o.PageSize <= 0 {
		o.PageSize = 10
	}
	if o.Codes == nil {
		o.Codes = assets.CallingCodes()
	}
	if o.Plan == nil {
		o.Plan = flow.LinkCyPlan()
	}
	c := &common{ctx: ctx, opts: Options{Now: o.Now, Codes: o.Codes, Region: o.Region}, keys: defaultKeys(false, i18n.Printer{})}
	c.restyle(o.Theme != "light")
	a := &Agent{c: c, o: o, notice: o.Notice, k: newAgentKeys(), help: help.New(), themed: o.Theme == "light" || o.Theme == "dark", filters: agentFilters()}
	a.help.Styles = help.DefaultStyles(c.styles.IsDark())
	a.query = newInput(c, "phone, email, external id or last name; empty for all", 56)
	a.table = table.New(table.WithFocused(true))
	a.setColumns(80) // rows may come before the window's size
	a.restyle()
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
	cmds := []tea.Cmd{a.query.Focus(), a.runSearch("preload", 0)}
	if !a.themed {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

// runSearch searches for what the query says, at page: op "search" shows
// the results, "preload" (at start) only keeps them for esc.
func (a *Agent) runSearch(op string, page int) tea.Cmd {
	s, ext := searchFor(a.query.Value(), a.o.Region, a.o.Codes)
	a.applyFilters(&s)
	s.Page, s.PageSize = page, a.o.PageSize
	a.search = s
	dir := a.o.Dir
	return a.call(op, "Searching…", func(ctx context.Context) agentResult {
		p, err := dir.Search(ctx, s)
		if err == nil && ext != "" && page == 0 {
			// The words may be the partner's own id for a consumer.
			if snap, ferr := dir.Find(ctx, api.Lookup{ExternalID: ext}); ferr == nil && s.Keeps(snap) {
				p.Consumers = append([]api.Snapshot{snap}, without(p.Consumers, snap.ConsumerID)...)
				p.Total++
			}
		}
		return agentResult{page: p, err: err}
	})
}

func without(cs []api.Snapshot, id string) []api.Snapshot {
	var out []api.Snapshot
	for _, c := range cs {
		if c.ConsumerID != id {
			out = append(out, c)
		}
	}
	return out
}

// searchFor reads what an agent typed: an email, a phone number (in any
// written form), or else a last name that may also be an external id.
func searchFor(text, region string, codes []string) (s api.Search, externalID string) {
	text = strings.TrimSpace(text)
	switch {
	case text == "":
	case strings.Contains(text, "@"):
		s.Email = text
	case strings.Trim(text, "+0123456789 .-()") == "":
		if p, err := flow.ParsePhone(text, region, codes); err == nil {
			s.Phone = p.Phone.E164()
		} else {
			s.Phone = text
		}
	default:
		s.LastName, externalID = text, text
	}
	return s, externalID
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
			a.restyle()
		}
	}
	if a.view == viewWizard {
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
			return a, tea.Quit
		}
		a.notice = ""
		return a, a.key(msg)
	}
	return a, a.forward(msg)
}

// forward passes other messages to the focused widget.
func (a *Agent) forward(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch a.view {
	case viewSearch:
		a.query, cmd = a.query.Update(msg)
	case viewList:
		a.table, cmd = a.table.Update(msg)
	case viewCreate:
		cmd = a.form.update(msg)
	}
	return cmd
}

// result takes in a provider call's answer.
func (a *Agent) result(r agentResult) tea.Cmd {
	a.busy = ""
	if r.err != nil {
		if e, ok := api.AsError(r.err); ok && r.op == "create" && len(e.Fields) > 0 {
			a.form.setFieldError(e.Fields[0].Field, e.Fields[0].Message)
		}
		a.banner, a.bannerOK = sentence(a.explain(r)), false
		return nil
	}
	switch r.op {
	case "search", "preload":
		a.page = r.page
		a.table.SetRows(a.rows())
		a.table.SetCursor(0)
		if r.op == "search" { // asked for: show the results (preload waits for the words)
			a.view = viewList
			a.query.Blur()
		}
		if len(r.page.Consumers) == 0 {
			a.banner = "No consumer matches: check the words, change the filters (tab), or create one (ctrl+n)."
		}
	case "find":
		a.cur = r.snap
	case "kyc":
		if r.link.URL == "" {
			a.banner, a.bannerOK = "No new link: the identity check is already with the provider ("+string(r.link.Status)+").", true
			return a.find()
		}
		a.link, a.codes, a.view = r.link, newQRCodes(r.link.URL), viewKYC
		a.cur.KYC = api.KYCCreated
	case "email":
		a.banner, a.bannerOK = "A new verification link was sent to "+a.cur.Email+".", true
	case "create":
		a.cur, a.view, a.form = r.snap, viewDetail, nil
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

// key handles a key press in the current view.
func (a *Agent) key(msg tea.KeyPressMsg) tea.Cmd {
	k := a.k
	switch a.view {
	case viewSearch:
		if cmd, ok := a.filterKey(msg); ok {
			return cmd
		}
		switch {
		case key.Matches(msg, k.search):
			return a.runSearch("search", 0)
		case key.Matches(msg, k.create):
			return a.openCreate()
		case key.Matches(msg, k.back) && len(a.page.Consumers) > 0:
			a.view = viewList
			a.query.Blur()
			return nil
		}
	case viewList:
		switch {
		case key.Matches(msg, k.open):
			if i := a.table.Cursor(); i >= 0 && i < len(a.page.Consumers) {
				a.cur, a.view, a.banner = a.page.Consumers[i], viewDetail, ""
				return a.find()
			}
			return nil
		case key.Matches(msg, k.next):
			if a.page.Page+1 < a.page.Pages() {
				return a.runSearch("search", a.page.Page+1)
			}
			return nil
		case key.Matches(msg, k.prev):
			if a.page.Page > 0 {
				return a.runSearch("search", a.page.Page-1)
			}
			return nil
		case key.Matches(msg, k.newSearch), key.Matches(msg, k.back):
			a.view = viewSearch
			return a.query.Focus()
		case key.Matches(msg, k.create):
			return a.openCreate()
		}
	case viewDetail:
		switch {
		case key.Matches(msg, k.kyc):
			switch {
			case a.cur.KYC == api.KYCApproved:
				a.banner, a.bannerOK = "The identity is already verified: no new link is needed.", true
				return nil
			case !a.cur.PhoneValidated:
				a.banner, a.bannerOK = "A KYC link needs a validated phone: the customer sets a password with the SMS secret first (onboard --phone "+a.cur.Phone+").", false
				return nil
			}
			dir, id := a.o.Dir, a.cur.ConsumerID
			return a.call("kyc", "Asking for a new KYC link…", func(ctx context.Context) agentResult {
				l, err := dir.StartKYC(ctx, id)
				return agentResult{link: l, err: err}
			})
		case key.Matches(msg, k.email):
			switch {
			case a.cur.EmailVerified:
				a.banner, a.bannerOK = "The email address is already verified: no link is needed.", true
				return nil
			case a.cur.Email == "":
				a.banner, a.bannerOK = "This consumer has no email address yet: the customer gives one in onboard.", false
				return nil
			}
			dir, id := a.o.Dir, a.cur.ConsumerID
			return a.call("email", "Sending the email link…", func(ctx context.Context) agentResult {
				return agentResult{err: dir.SendEmailVerification(ctx, id)}
			})
		case key.Matches(msg, k.cont) && a.o.Wizard != nil:
			return a.continueOnboarding()
		case key.Matches(msg, k.refresh):
			return a.find()
		case key.Matches(msg, k.back):
			a.view, a.banner = viewList, ""
			return a.runSearch("search", a.page.Page) // statuses may have moved
		}
		return nil
	case viewKYC:
		switch {
		case key.Matches(msg, k.refresh):
			return a.find()
		case key.Matches(msg, k.back):
			a.view, a.banner = viewDetail, ""
			return a.find()
		}
		return nil
	case viewCreate:
		switch {
		case key.Matches(msg, k.back):
			a.view, a.form, a.banner = viewSearch, nil, ""
			return a.query.Focus()
		case key.Matches(msg, k.submit):
			r, ok := a.form.registration(a.o.Region, a.o.Codes)
			if !ok {
				return nil
			}
			dir := a.o.Dir
			return a.call("create", "Creating the consumer…", func(ctx context.Context) agentResult {
				id, err := dir.Register(ctx, r)
				if err != nil {
					return agentResult{err: err}
				}
				snap, err := dir.Find(ctx, api.Lookup{ConsumerID: id})
				return agentResult{snap: snap, err: err}
			})
		}
	}
	return a.forward(msg)
}

func (a *Agent) openCreate() tea.Cmd {
	a.query.Blur()
	a.form, a.view, a.banner = newCreateForm(a.c), viewCreate, ""
	return a.form.focus()
}

// rows are the table's rows for the current page.
func (a *Agent) rows() []table.Row {
	var rows []table.Row
	for _, c := range a.page.Consumers {
		name := strings.TrimSpace(c.FirstName + " " + c.LastName)
		overall := ""
		for _, s := range c.Statuses {
			if s.Name == "overall" {
				overall = s.Value
			}
		}
		rows = append(rows, table.Row{name, c.Phone, c.Email, string(c.KYC), overall})
	}
	return rows
}

// layout fits the views to the window.
func (a *Agent) layout() {
	a.help.SetWidth(a.winW)
	a.c.width, a.c.height = a.winW, a.winH-4
	a.setColumns(a.winW)
	a.table.SetHeight(max(3, min(a.o.PageSize+1, a.winH-9)))
}

// setColumns fits the table's columns to width w: the name and email
// share what the fixed columns leave.
func (a *Agent) setColumns(w int) {
	rest := max(20, w-(13+14+8)-10-2)
	a.table.SetColumns([]table.Column{{Title: "Name", Width: rest / 2}, {Title: "Phone", Width: 13},
		{Title: "Email", Width: rest - rest/2}, {Title: "KYC", Width: 14}, {Title: "Overall", Width: 8}})
	a.table.SetWidth(w)
}

// restyle paints the table with the current styles.
func (a *Agent) restyle() {
	s := a.c.styles
	ts := table.DefaultStyles()
	ts.Header = ts.Header.Foreground(s.Muted.GetForeground()).Bold(true)
	// Cells keep the terminal's colour: a colour of their own would win
	// over the selected row's, which paints the whole line.
	onAccent := lipgloss.LightDark(s.IsDark())(lipgloss.Color("#FFFFFF"), lipgloss.Color("#1F1F24"))
	ts.Selected = ts.Selected.Foreground(onAccent).Background(s.Accent.GetForeground()).Bold(true)
	a.table.SetStyles(ts)
}

// View implements tea.Model.
func (a *Agent) View() tea.View {
	var v tea.View
	v.AltScreen = true
	v.WindowTitle = "onboard agent"
	if a.view == viewWizard {
		return a.wiz.View()
	}
	if a.winW == 0 {
		return v
	}
	s := a.c.styles
	if a.winW < minWidth || a.winH < minHeight {
		v.SetContent(lipgloss.NewStyle().Width(a.winW).Render(s.Warn.Render(fmt.Sprintf(
			"Make the window larger: onboard agent needs %d×%d, this one is %d×%d.", minWidth, minHeight, a.winW, a.winH))))
		return v
	}
	var body string
	switch a.view {
	case viewSearch:
		body = a.searchView()
	case viewList:
		body = a.listView()
	case viewDetail:
		body = a.detailView()
	case viewKYC:
		body = a.kycView()
	case viewCreate:
		body = a.form.view()
	}
	line := ""
	switch {
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
	helpLine := a.help.View(helpKeys(append(a.keys(), a.c.keys.Quit)))
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

// keys are the bindings of the current view, for the help line.
func (a *Agent) keys() []key.Binding {
	k := a.k
	switch a.view {
	case viewSearch:
		out := []key.Binding{k.search, k.filter}
		if a.focus > 0 {
			out = append(out, key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "change")))
		}
		out = append(out, k.create)
		if len(a.page.Consumers) > 0 {
			out = append(out, key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "results")))
		}
		return out
	case viewList:
		out := []key.Binding{k.open}
		if a.page.Pages() > 1 {
			out = append(out, key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "pages")))
		}
		return append(out, k.newSearch, k.create)
	case viewDetail:
		out := []key.Binding{k.kyc, k.email, k.refresh, k.back}
		if a.o.Wizard != nil {
			out = append([]key.Binding{k.cont}, out...)
		}
		return out
	case viewKYC:
		return []key.Binding{k.refresh, k.back}
	case viewCreate:
		return []key.Binding{k.submit, k.field, k.back}
	}
	return nil
}

func (a *Agent) searchView() string {
	s := a.c.styles
	label := s.Focused.Render("› Search")
	if a.focus != 0 {
		label = s.Label.Render("  Search")
	}
	lines := []string{s.Title.Render("Find a consumer"), "", field(label, a.query.View(), a.winW), ""}
	lines = append(lines, a.filterLines()...)
	lines = append(lines, "", s.Muted.Render("A phone number finds it in any form; words are a last name or your external id."))
	return strings.Join(lines, "\n")
}

func (a *Agent) listView() string {
	s := a.c.styles
	what := "All consumers"
	switch q := a.search; {
	case q.Email != "":
		what = "Email " + q.Email
	case q.Phone != "":
		what = "Phone " + q.Phone
	case q.LastName != "":
		what = "“" + q.LastName + "”"
	}
	what += a.filterWords()
	count := fmt.Sprintf("%d found", a.page.Total)
	if a.page.Pages() > 1 {
		count += fmt.Sprintf(" · page %d of %d", a.page.Page+1, a.page.Pages())
	}
	return s.Title.Render(what) + s.Muted.Render("  "+count) + "\n\n" + a.table.View()
}
