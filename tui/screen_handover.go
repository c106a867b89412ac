package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
)

// handoverScreen comes before a password step in a run an agent
// continues for a customer: the agent hands the keyboard over, and the
// customer says they have it. Nothing is sent before that: an SMS code
// goes out only once the customer is at the keyboard.
type handoverScreen struct {
	c    *common
	step flow.Step
}

// handedMsg says the customer has the keyboard.
type handedMsg struct{}

func newHandoverScreen(c *common, step flow.Step) *handoverScreen {
	return &handoverScreen{c: c, step: step}
}

func (s *handoverScreen) Label() string {
	if s.step == flow.StepCredentials && s.c.needs().SMSSecret {
		return "Secret"
	}
	return flow.Label(s.step, s.c.needs())
}

func (s *handoverScreen) Init() tea.Cmd { return nil }

func (s *handoverScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, s.c.keys.Enter) {
		return s, func() tea.Msg { return handedMsg{} }
	}
	return s, nil
}

func (s *handoverScreen) Keys() []key.Binding {
	return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "I am the customer"))}
}

func (s *handoverScreen) View() string {
	st := s.c.styles
	who := "the customer"
	if name := strings.TrimSpace(s.c.st.FirstName + " " + s.c.st.LastName); name != "" {
		who = api.SanitizeLine(name)
	}
	var what string
	switch {
	case s.step == flow.StepLogin:
		what = "Next, " + who + " types their password to log in."
	case s.c.needs().SMSSecret:
		what = "Next, " + who + " gets a code by SMS at " + flow.MaskPhone(flow.FormatPhone(s.c.st.Phone)) +
			", types it, and chooses a password."
	default:
		what = "Next, " + who + " chooses a password."
	}
	wrap := st.Text.Width(max(20, s.c.width-2))
	return lipgloss.JoinVertical(lipgloss.Left,
		st.Title.Render("Hand the keyboard to the customer"), "",
		wrap.Render(what), "",
		wrap.Render("What they type is not shown on this screen, not even as dots, and nothing can show it again. The agent never needs it."), "",
		st.Accent.Render("Customer: press Enter when you have the keyboard."),
	)
}
