package tui

import (
	"errors"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
)

// activateScreen is the activate step: the code the provider emailed once
// the account may be turned on (FinHub) is typed back. The provider sends
// it by itself, once: there is no "new code" key.
type activateScreen struct {
	c    *common
	code codeField
}

func newActivateScreen(c *common) *activateScreen {
	return &activateScreen{c: c, code: newCodeField(c)}
}

func (s *activateScreen) Label() string { return flow.Label(flow.StepActivate, s.c.needs()) }

func (s *activateScreen) Init() tea.Cmd { return nil }

func (s *activateScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case opMsg:
		if msg.err == nil || errors.Is(msg.err, flow.ErrLoginNeeded) {
			return s, advance
		}
		s.code.refused(msg.err, s.c.T("Type the code again."))
		return s, nil
	case tea.KeyPressMsg:
		if key.Matches(msg, s.c.keys.Enter) {
			eng := s.c.opts.Engine
			return s, s.code.check("email", "activate", eng.Activate)
		}
	}
	return s, s.code.update(msg)
}

// showsError implements errorShower: a wrong code is said under the field.
func (s *activateScreen) showsError(m opMsg) bool {
	return wrongCode(m.err)
}

func (s *activateScreen) Keys() []key.Binding {
	return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", s.c.T("activate")))}
}

func (s *activateScreen) View() string {
	st := s.c.styles
	lines := []string{st.Title.Render(s.c.T("Activate your account")),
		st.Text.Width(s.c.width).Render(s.c.F("Your identity is approved and the consents are recorded, so the bank emailed an activation code to %s.",
			api.SanitizeLine(s.c.st.Email))), ""}
	lines = append(lines, s.code.view(s.c.busy(), s.c.T("Activating…"))...)
	return lipgloss.JoinVertical(lipgloss.Left, lines...)
}
