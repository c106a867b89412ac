package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
)

// doneScreen is the end: every status at a glance, no secrets, what
// happens next.
type doneScreen struct{ c *common }

func newDoneScreen(c *common) *doneScreen { return &doneScreen{c: c} }

func (s *doneScreen) Label() string { return "" }

func (s *doneScreen) Init() tea.Cmd { return nil }

func (s *doneScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, s.c.keys.Enter, s.c.keys.Stop) {
		return s, end(EndDone, nil)
	}
	return s, nil
}

func (s *doneScreen) Keys() []key.Binding {
	return []key.Binding{key.NewBinding(key.WithKeys("enter", "q"), key.WithHelp("enter", s.c.T("finish")))}
}

func (s *doneScreen) View() string {
	st := s.c.styles
	x := s.c.st
	row := func(name, value string, ok bool) string {
		mark := st.Good.Render("✓ ")
		if !ok {
			mark = st.Warn.Render("• ")
		}
		return mark + st.Label.Render(s.c.T(name)) + st.Text.Render(s.c.T(api.SanitizeLine(value)))
	}
	email := x.Email
	if x.EmailVerified {
		email += " (verified)"
	}
	title := st.Title.Render(s.c.T("You are a verified customer"))
	if note := flow.AccountNote(x.Snapshot.Account); note != "" {
		// Every step is done, but the provider does not say the account is active.
		title = st.Title.Render(s.c.T("Every step is done")) + "\n" + st.Warn.Render(s.c.T(note))
	}
	lines := []string{title, "",
		row("Phone", flow.FormatPhone(x.Phone), x.PasswordSet || x.PhoneVerified),
		row("Email", email, x.EmailVerified),
		row("Identity", strings.ToLower(string(x.KYCStatus)), x.KYCStatus == api.KYCApproved),
		row("Terms", "version "+x.AcceptedTerms+" accepted", x.TermsAccepted),
		row("Customer id", x.ConsumerID, x.ConsumerID != ""),
	}
	if len(x.Snapshot.Statuses) > 0 {
		var parts []string
		for _, it := range x.Snapshot.Statuses {
			parts = append(parts, api.SanitizeLine(it.Name)+" "+st.Value.Render(api.SanitizeLine(it.Value)))
		}
		lines = append(lines, "", st.Muted.Render(s.c.T("The bank's own statuses:")), st.Text.Width(max(20, s.c.width-2)).Render(strings.Join(parts, " · ")))
	}
	login := "your phone number"
	if s.c.needs().LoginByEmail {
		login = "your email address"
	}
	lines = append(lines, "", st.Text.Width(max(20, s.c.width-2)).Render(s.c.T(
		"What happens next: the bank opens your account and writes to "+api.SanitizeLine(x.Email)+". Log in to its app with "+login+" and the password you chose.")))
	return lipgloss.JoinVertical(lipgloss.Left, lines...)
}
