package tui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/onboard-cli/onboard/flow"
)

// kindScreen is the first choice of a provider that onboards people and
// companies (FinHub) when no flag chose: for myself, or for my company.
// The company's plan (Options.CompanyPlan) then replaces the person's.
type kindScreen struct {
	c      *common
	cursor int
	// chosen: enter was pressed, and the plan is on its way (a demo's
	// sample documents are written first). A second enter would start
	// the plan again over the first.
	chosen bool
}

func newKindScreen(c *common) *kindScreen { return &kindScreen{c: c} }

// planMsg asks the root to run plan from its first unfinished step.
type planMsg struct{ plan flow.Plan }

// asksKind reports whether the run starts with the choice: a company
// plan to offer, and nothing done yet in either plan.
func asksKind(c *common) bool {
	st := c.st
	return len(c.opts.CompanyPlan) > 0 && st.Org.ID == "" && !st.Registered && st.ConsumerID == ""
}

// Label is the plan's first step, which the choice comes before.
func (s *kindScreen) Label() string {
	if len(s.c.opts.Plan) == 0 {
		return ""
	}
	return flow.Label(s.c.opts.Plan[0], s.c.needs())
}

func (s *kindScreen) Init() tea.Cmd { return nil }

func (s *kindScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || s.chosen {
		return s, nil
	}
	switch {
	case key.Matches(k, s.c.keys.Up):
		s.cursor = 0
	case key.Matches(k, s.c.keys.Down):
		s.cursor = 1
	case key.Matches(k, s.c.keys.Enter):
		plan := s.c.opts.Plan
		if s.cursor == 1 {
			plan = s.c.opts.CompanyPlan
		}
		s.chosen = true
		return s, func() tea.Msg { return planMsg{plan: plan} }
	}
	return s, nil
}

func (s *kindScreen) Keys() []key.Binding {
	return []key.Binding{key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", s.c.T("choose"))),
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", s.c.T("pick")))}
}

func (s *kindScreen) View() string {
	st := s.c.styles
	lines := []string{st.Title.Render(s.c.T("Who is the account for?")), ""}
	for i, o := range []struct{ name, desc string }{
		{"For myself", "A personal account: your identity, your consents."},
		{"For my company", "A business account: the company, its directors, shareholders and employees, and its documents (KYB)."},
	} {
		name, desc := s.c.T(o.name), s.c.T(o.desc)
		if i == s.cursor {
			lines = append(lines, st.Accent.Render("▸ "+name))
		} else {
			lines = append(lines, st.Value.Render("  "+name))
		}
		lines = append(lines, st.Muted.Width(max(20, s.c.width-4)).MarginLeft(2).Render(desc), "")
	}
	return strings.Join(lines, "\n")
}

// choosePlan runs plan from its first unfinished step: for a company, a
// demo's sample company first, with its documents written now.
func (a *App) choosePlan(plan flow.Plan) tea.Cmd {
	a.c.opts.Plan = plan
	sample := a.c.opts.SampleCompany
	if sample == nil || !slices.Contains(plan, flow.StepCompany) || a.c.st.Organization.Company.LegalName != "" {
		return a.enter(plan.Next(a.c.st, a.c.now()))
	}
	a.c.st.Organization = *sample
	fill := a.c.opts.SampleDocuments
	if fill == nil {
		return a.enter(plan.Next(a.c.st, a.c.now()))
	}
	org := *sample
	return func() tea.Msg {
		filled, dir, err := fill(org)
		return sampleMsg{org: filled, dir: dir, err: err}
	}
}

// sampleMsg is the sample company with its documents written in dir, or
// why they could not be.
type sampleMsg struct {
	org flow.Organization
	dir string
	err error
}

// sampleFilled takes the sample company's documents and goes on; without
// them, the file picker asks for each, and a line says why.
func (a *App) sampleFilled(msg sampleMsg) tea.Cmd {
	var cmds []tea.Cmd
	if msg.err == nil {
		a.c.st.Organization, a.c.opts.DocumentsDir = msg.org, msg.dir
	} else {
		cmds = append(cmds, func() tea.Msg {
			return bannerMsg{text: a.c.T("The demo's sample documents could not be written; choose the company's files when asked.")}
		})
	}
	return tea.Batch(append(cmds, a.enter(a.c.opts.Plan.Next(a.c.st, a.c.now())))...)
}
