package tui

import (
	"context"
	"errors"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
)

// activateScreen is the activate step: the code the provider emailed once
// the account may be turned on (FinHub) is typed back. The provider sends
// it by itself, once: there is no "new code" key.
type activateScreen struct {
	c       *common
	in      textinput.Model
	spin    spinner.Model
	errText string
}

func newActivateScreen(c *common) *activateScreen {
	s := &activateScreen{c: c, in: newInput(c, c.T("6 digits"), 12), spin: newSpinner(c)}
	s.in.CharLimit = 16
	s.in.Focus()
	return s
}

func (s *activateScreen) Label() string { return flow.Label(flow.StepActivate, s.c.needs()) }

func (s *activateScreen) Init() tea.Cmd { return nil }

func (s *activateScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case opMsg:
		switch {
		case msg.err == nil, errors.Is(msg.err, flow.ErrLoginNeeded):
			return s, advance
		case errors.Is(msg.err, api.ErrInvalidCode), errors.Is(msg.err, api.ErrTooManyAttempts):
			s.in.SetValue("")
			s.errText = sentence(flow.Explain(msg.err, s.c.needs())) + " Type the code again."
		}
		return s, nil
	case spinner.TickMsg:
		return s, turn(&s.spin, s.c.busy(), msg)
	case tea.KeyPressMsg:
		if key.Matches(msg, s.c.keys.Enter) {
			return s, s.submit()
		}
		s.errText = ""
	}
	var cmd tea.Cmd
	s.in, cmd = s.in.Update(msg)
	return s, cmd
}

func (s *activateScreen) submit() tea.Cmd {
	if s.c.busy() {
		return nil
	}
	code, err := flow.NormalizeCode(s.in.Value(), "email")
	if err != nil {
		s.errText = sentence(err.Error())
		return nil
	}
	return tea.Batch(s.spin.Tick, s.c.run("activate", func(ctx context.Context, st flow.State) (flow.State, error) {
		return s.c.opts.Engine.Activate(ctx, st, code)
	}))
}

// showsError implements errorShower: a wrong code is said under the field.
func (s *activateScreen) showsError(m opMsg) bool {
	return errors.Is(m.err, api.ErrInvalidCode) || errors.Is(m.err, api.ErrTooManyAttempts)
}

func (s *activateScreen) Keys() []key.Binding {
	return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", s.c.T("activate")))}
}

func (s *activateScreen) View() string {
	st := s.c.styles
	lines := []string{st.Title.Render(s.c.T("Activate your account")),
		st.Text.Width(s.c.width).Render(s.c.T("Your identity is approved and the consents are recorded, so the bank emailed an activation code to " +
			api.SanitizeLine(s.c.st.Email) + ".")), "",
		st.Focused.Render(s.c.T("› Code")) + s.in.View()}
	switch {
	case s.errText != "":
		lines = append(lines, field(st.Label.Render(""), st.Bad.Render(s.c.T(s.errText)), s.c.width))
	case s.c.busy():
		lines = append(lines, field(st.Label.Render(""), s.spin.View()+" "+s.c.T("Activating…"), s.c.width))
	default:
		lines = append(lines, field(st.Label.Render(""), st.Muted.Render(s.c.T("Pasting “123 456” works too.")), s.c.width))
	}
	return lipgloss.JoinVertical(lipgloss.Left, lines...)
}
