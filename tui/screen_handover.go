package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
)

// handoverScreen passes the keyboard between the agent and the customer
// in a run an agent continues for them: to the customer before a
// password step, and back to the agent after it. Whoever takes it says
// so; nothing is sent before that (an SMS code goes out only once the
// customer is at the keyboard).
type handoverScreen struct {
	c    *common
	step flow.Step
	back bool // to the agent
}

// handedMsg says the keyboard changed hands: back to the agent, or to
// the customer.
type handedMsg struct{ back bool }

func newHandoverScreen(c *common, step flow.Step, back bool) *handoverScreen {
	return &handoverScreen{c: c, step: step, back: back}
}

func (s *handoverScreen) Label() string {
	if s.step == flow.StepCredentials && s.c.needs().SMSSecret {
		return "Secret"
	}
	if s.step == flow.StepDone {
		return ""
	}
	return flow.Label(s.step, s.c.needs())
}

func (s *handoverScreen) Init() tea.Cmd { return nil }

func (s *handoverScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, s.c.keys.Enter) {
		back := s.back
		return s, func() tea.Msg { return handedMsg{back: back} }
	}
	return s, nil
}

func (s *handoverScreen) Keys() []key.Binding {
	if s.back {
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", s.c.T("I am the agent")))}
	}
	return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", s.c.T("I am the customer")))}
}

func (s *handoverScreen) View() string {
	st := s.c.styles
	wrap := st.Text.Width(max(20, s.c.width-2))
	if s.back {
		return lipgloss.JoinVertical(lipgloss.Left,
			st.Title.Render(s.c.T("Hand the keyboard back to the agent")), "",
			wrap.Render(s.c.T("Thank you. What you typed is shown nowhere, and nothing can show it again.")), "",
			st.Accent.Render(s.c.T("Agent: press Enter when you have the keyboard.")),
		)
	}
	who := s.c.T("the customer")
	if name := strings.TrimSpace(s.c.st.FirstName + " " + s.c.st.LastName); name != "" {
		who = api.SanitizeLine(name)
	}
	var what string
	switch {
	case s.step == flow.StepLogin:
		what = s.c.F("Next, %s types their password to log in.", who)
	case s.c.needs().SMSSecret:
		what = s.c.F("Next, %s gets a code by SMS at %s, types it, and chooses a password.", who, flow.MaskPhone(flow.FormatPhone(s.c.st.Phone)))
	default:
		what = s.c.F("Next, %s chooses a password.", who)
	}
	return lipgloss.JoinVertical(lipgloss.Left,
		st.Title.Render(s.c.T("Hand the keyboard to the customer")), "",
		wrap.Render(what), "",
		wrap.Render(s.c.T("What they type is not shown on this screen, not even as dots, and nothing can show it again. The agent never needs it.")), "",
		st.Accent.Render(s.c.T("Customer: press Enter when you have the keyboard.")),
	)
}
