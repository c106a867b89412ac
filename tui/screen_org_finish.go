package tui

import (
	"context"
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
)

// orgConsentsScreen is the consents step of an organisation: the three
// consents (terms, privacy, data processing), each recorded by FinHub as
// accepted by the company's admin, by name, with the date.
type orgConsentsScreen struct{ c *common }

func newOrgConsentsScreen(c *common) *orgConsentsScreen { return &orgConsentsScreen{c: c} }

func (s *orgConsentsScreen) Label() string { return flow.Label(flow.StepOrgConsents, s.c.needs()) }

func (s *orgConsentsScreen) Init() tea.Cmd { return nil }

// admin is who accepts for the company: its first employee, an
// ADMIN_USER, else the person at the keyboard.
func (s *orgConsentsScreen) admin() string {
	if es := s.c.st.Organization.Employees; len(es) > 0 && es[0].Name() != "" {
		return es[0].Name()
	}
	return strings.TrimSpace(s.c.st.FirstName + " " + s.c.st.LastName)
}

// types are the consents to accept, the provider's when it says.
func (s *orgConsentsScreen) types() []string {
	if t := s.c.opts.Engine.OrgConsents(); len(t) > 0 {
		return t
	}
	return flow.ConsentTypes()
}

// acceptNext accepts the first consent not accepted yet, or moves on.
func (s *orgConsentsScreen) acceptNext() tea.Cmd {
	for _, t := range s.types() {
		if s.c.st.Org.Accepted(t) {
			continue
		}
		c := api.OrgConsent{Type: t, AcceptedBy: s.admin(), AcceptedAt: s.c.now()}
		return s.c.run("accept", func(ctx context.Context, st flow.State) (flow.State, error) {
			return s.c.opts.Engine.AcceptConsent(ctx, st, c)
		})
	}
	return advance
}

func (s *orgConsentsScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case opMsg:
		if msg.err == nil {
			return s, s.acceptNext()
		}
	case tea.KeyPressMsg:
		switch {
		case s.c.busy():
		case key.Matches(msg, s.c.keys.Accept):
			return s, s.acceptNext()
		case key.Matches(msg, s.c.keys.Decline):
			return s, end(EndDeclined, errors.New("the consents were declined; the bank activates no account without them"))
		}
	}
	return s, nil
}

func (s *orgConsentsScreen) Keys() []key.Binding {
	return []key.Binding{s.c.keys.Accept, s.c.keys.Decline}
}

// consentName names a consent type as a person reads it.
func consentName(t string) string {
	switch t {
	case "terms":
		return "Terms and conditions"
	case "privacy":
		return "Privacy policy"
	case "data-processing":
		return "Data processing agreement"
	}
	return choiceText(strings.ReplaceAll(t, "-", "_"))
}

func (s *orgConsentsScreen) View() string {
	st := s.c.styles
	admin := api.SanitizeLine(s.admin())
	lines := []string{st.Title.Render(s.c.T("The company's consents")),
		st.Text.Width(s.c.width).Render(s.c.F("The bank records each consent as accepted by the company's admin, %s, with the date.", admin)), ""}
	for _, t := range s.types() {
		line := "  • " + s.c.T(consentName(t))
		for _, c := range s.c.st.Org.Consents {
			if c.Type == t {
				line = st.Good.Render("  ✓ ") + s.c.T(consentName(t)) + st.Muted.Render("  "+s.c.F("accepted by %s on %s", api.SanitizeLine(c.AcceptedBy), c.AcceptedAt.Format("2006-01-02")))
			}
		}
		lines = append(lines, line)
	}
	lines = append(lines, "")
	if s.c.busy() {
		lines = append(lines, st.Muted.Render(s.c.T("Recording the consents…")))
	} else {
		lines = append(lines, st.Text.Width(s.c.width).Render(s.c.F("Press a to accept all three as %s, or d to decline.", admin)))
	}
	return lipgloss.JoinVertical(lipgloss.Left, lines...)
}

// orgActivateScreen is the activation step of an organisation: FinHub
// asks for a reason, and activates once the verification is approved and
// every consent accepted (which the plan's order gives).
type orgActivateScreen struct {
	c      *common
	reason textinput.Model
	err    string
}

func newOrgActivateScreen(c *common) *orgActivateScreen {
	s := &orgActivateScreen{c: c, reason: newInput(c, c.T("e.g. Business account for supplier payments"), 50)}
	if c.opts.Demo && c.opts.SampleCompany != nil { // a demo's company: it goes to the end by itself
		s.reason.SetValue(c.T("Business account for supplier payments"))
	}
	s.reason.Focus()
	return s
}

func (s *orgActivateScreen) Label() string { return flow.Label(flow.StepOrgActivate, s.c.needs()) }

func (s *orgActivateScreen) Init() tea.Cmd { return nil }

func (s *orgActivateScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case opMsg:
		if msg.err == nil {
			return s, advance
		}
	case tea.KeyPressMsg:
		if s.c.busy() {
			return s, nil
		}
		if key.Matches(msg, s.c.keys.Enter) {
			reason := strings.TrimSpace(s.reason.Value())
			if reason == "" {
				s.err = "Say why the company opens this account, e.g. its payments to suppliers."
				return s, nil
			}
			s.err = ""
			return s, s.c.run("activate", func(ctx context.Context, st flow.State) (flow.State, error) {
				return s.c.opts.Engine.ActivateOrganization(ctx, st, reason)
			})
		}
		var cmd tea.Cmd
		s.reason, cmd = s.reason.Update(msg)
		return s, cmd
	}
	return s, nil
}

func (s *orgActivateScreen) Keys() []key.Binding {
	return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", s.c.T("activate")))}
}

func (s *orgActivateScreen) View() string {
	st := s.c.styles
	lines := []string{st.Title.Render(s.c.T("Activate the company's account")),
		st.Text.Width(s.c.width).Render(s.c.T("The company is verified and its consents are recorded. The bank asks why the account is opened.")), "",
		st.Focused.Render("› "+s.c.T("Reason")) + s.reason.View()}
	switch {
	case s.c.busy():
		lines = append(lines, "", st.Muted.Render(s.c.T("Activating…")))
	case s.err != "":
		lines = append(lines, "", st.Bad.Width(s.c.width).Render(s.c.T(s.err)))
	}
	return lipgloss.JoinVertical(lipgloss.Left, lines...)
}
