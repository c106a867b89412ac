package tui

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
)

// categoryScreen is the category step: the provider's customer categories
// (FinHub's hierarchy), lowest risk first, one picked with ↑/↓ and enter.
type categoryScreen struct {
	c      *common
	cursor int
}

func newCategoryScreen(c *common) *categoryScreen { return &categoryScreen{c: c} }

func (s *categoryScreen) Label() string { return flow.Label(flow.StepCategory, s.c.needs()) }

func (s *categoryScreen) Init() tea.Cmd {
	if len(s.c.st.Categories) > 0 {
		return nil
	}
	return s.load()
}

func (s *categoryScreen) load() tea.Cmd {
	return s.c.run("load", func(ctx context.Context, st flow.State) (flow.State, error) {
		return s.c.opts.Engine.LoadCategories(ctx, st)
	})
}

func (s *categoryScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	cats := s.c.st.Categories
	switch msg := msg.(type) {
	case opMsg:
		for i, c := range s.c.st.Categories { // a resumed run starts on its own
			if c.ID == s.c.st.Category {
				s.cursor = i
			}
		}
		return s, nil
	case tea.KeyPressMsg:
		k := s.c.keys
		switch {
		case s.c.busy():
		case len(cats) == 0 && key.Matches(msg, k.Enter):
			return s, s.load()
		case msg.String() == "up" || msg.String() == "k":
			s.cursor = max(0, s.cursor-1)
		case msg.String() == "down" || msg.String() == "j":
			s.cursor = min(len(cats)-1, s.cursor+1)
		case key.Matches(msg, k.Enter) && len(cats) > 0:
			s.c.st.Category = cats[s.cursor].ID
			return s, advance
		}
	}
	return s, nil
}

func (s *categoryScreen) Keys() []key.Binding {
	if len(s.c.st.Categories) == 0 {
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", s.c.T("try again")))}
	}
	return []key.Binding{key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", s.c.T("choose"))),
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", s.c.T("pick")))}
}

func (s *categoryScreen) View() string {
	st := s.c.styles
	lines := []string{st.Title.Render(s.c.T("Your customer category")),
		st.Text.Width(s.c.width).Render(s.c.T("The bank sets your limits and checks from it: a higher tier asks for more documents.")), ""}
	cats := s.c.st.Categories
	if len(cats) == 0 {
		if s.c.busy() {
			return strings.Join(append(lines, st.Muted.Render(s.c.T("Reading the categories…"))), "\n")
		}
		return strings.Join(append(lines, st.Warn.Render(s.c.T("Press enter to try again."))), "\n")
	}
	for i, c := range cats {
		name := api.SanitizeLine(c.Name)
		risk := st.Muted.Render("  " + riskText(s.c, c.Risk))
		desc := st.Muted.Width(max(20, s.c.width-4)).Render(api.SanitizeLine(c.Description))
		if i == s.cursor {
			lines = append(lines, st.Accent.Render("▸ "+name)+risk, lipgloss.NewStyle().MarginLeft(2).Render(desc))
		} else {
			lines = append(lines, st.Value.Render("  "+name)+risk, lipgloss.NewStyle().MarginLeft(2).Render(desc))
		}
	}
	return strings.Join(lines, "\n")
}

// riskText is a category's risk as the person reads it; a level onboard
// does not know is shown as the provider names it.
func riskText(c *common, risk string) string {
	switch strings.ToLower(risk) {
	case "low":
		return c.T("low risk")
	case "medium":
		return c.T("medium risk")
	case "high":
		return c.T("high risk")
	}
	return c.F("%s risk", api.SanitizeLine(strings.ToLower(risk)))
}
