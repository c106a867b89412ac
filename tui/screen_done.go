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

func (s *doneScreen) Update(msg tea.Msg) (screen, tea.Cmd) { return s, finishOn(s.c, msg) }

func (s *doneScreen) Keys() []key.Binding { return finishKeys(s.c) }

// finishOn ends the run when msg is enter or q: the last screens' one
// action.
func finishOn(c *common, msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, c.keys.Enter, c.keys.Stop) {
		return end(EndDone, nil)
	}
	return nil
}

// finishKeys are the last screens' keys.
func finishKeys(c *common) []key.Binding {
	return []key.Binding{key.NewBinding(key.WithKeys("enter", "q"), key.WithHelp("enter", c.T("finish")))}
}

func (s *doneScreen) View() string {
	st := s.c.styles
	x := s.c.st
	// row is a name and its value, both in the person's language.
	row := func(name, value string, ok bool) string {
		mark := st.Good.Render("✓ ")
		if !ok {
			mark = st.Warn.Render("• ")
		}
		return mark + st.Label.Render(name) + st.Text.Render(value)
	}
	email := api.SanitizeLine(x.Email)
	if x.EmailVerified {
		email = s.c.F("%s (verified)", email)
	}
	title := st.Title.Render(s.c.T("You are a verified customer"))
	if note := flow.AccountNote(x.Snapshot.Account); note != "" {
		// Every step is done, but the provider does not say the account is active.
		title = st.Title.Render(s.c.T("Every step is done")) + "\n" + st.Warn.Render(s.c.T(note))
	}
	lines := []string{title, "",
		row(s.c.T("Phone"), flow.FormatPhone(x.Phone), x.PasswordSet || x.PhoneVerified),
		row(s.c.T("Email"), email, x.EmailVerified),
		row(s.c.T("Identity"), s.c.M(flow.KYCWord(x.KYCStatus)), x.KYCStatus == api.KYCApproved),
		row(s.c.T("Terms"), s.c.F("version %s accepted", api.SanitizeLine(x.AcceptedTerms)), x.TermsAccepted),
		row(s.c.T("Customer id"), api.SanitizeLine(x.ConsumerID), x.ConsumerID != ""),
	}
	if note := flow.TermsNote(x); note != "" {
		// The terms accepted in this run stay accepted: one note, never the terms again.
		lines = append(lines, st.Warn.Width(max(20, s.c.width-2)).Render(s.c.T(note)))
	}
	if len(x.Snapshot.Statuses) > 0 {
		var parts []string
		for _, it := range x.Snapshot.Statuses {
			parts = append(parts, api.SanitizeLine(it.Name)+" "+st.Value.Render(api.SanitizeLine(it.Value)))
		}
		lines = append(lines, "", st.Muted.Render(s.c.T("The bank's own statuses:")), st.Text.Width(max(20, s.c.width-2)).Render(strings.Join(parts, " · ")))
	}
	login := s.c.T("your phone number")
	if s.c.needs().LoginByEmail {
		login = s.c.T("your email address")
	}
	lines = append(lines, "", st.Text.Width(max(20, s.c.width-2)).Render(s.c.F(
		"What happens next: the bank opens your account and writes to %s. Log in to its app with %s and the password you chose.", api.SanitizeLine(x.Email), login)))
	return lipgloss.JoinVertical(lipgloss.Left, lines...)
}
