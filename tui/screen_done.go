package tui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/wrap"
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

// row is a name and its value, both in the person's language. A long
// value wraps at spaces under itself (internal/wrap), never mid-word; one
// with a word too wide for the column goes on the lines below the name.
func (s *doneScreen) row(name, value string, ok bool) string {
	st := s.c.styles
	mark := st.Good.Render("✓ ")
	if !ok {
		mark = st.Warn.Render("• ")
	}
	indent := 2 + st.Label.GetWidth()
	if !wrap.Fits(value, s.c.width-2-indent) {
		return mark + st.Label.Render(name) + "\n  " + st.Text.Render(wrap.Hanging(value, s.c.width-4, 2))
	}
	return mark + st.Label.Render(name) + st.Text.Render(wrap.Hanging(value, s.c.width-2-indent, indent))
}

func (s *doneScreen) View() string {
	st := s.c.styles
	x := s.c.st
	para := func(text string) string { return st.Text.Render(wrap.Words(text, max(20, s.c.width-2))) }
	email := api.SanitizeLine(x.Email)
	if x.EmailVerified {
		email = s.c.F("%s (verified)", email)
	}
	title := st.Title.Render(s.c.T("You are a verified customer"))
	if note := flow.AccountNote(x.Account()); note != "" {
		// Every step is done, but the provider does not say the account is active.
		title = st.Title.Render(s.c.T("Every step is done")) + "\n" + st.Warn.Render(s.c.T(note))
	}
	lines := []string{title, "",
		s.row(s.c.T("Phone"), flow.FormatPhone(x.Phone), x.PasswordSet || x.PhoneVerified),
		s.row(s.c.T("Email"), email, x.EmailVerified),
		s.row(s.c.T("Identity"), s.c.M(flow.KYCWord(x.KYCStatus)), x.KYCStatus == api.KYCApproved),
		s.row(s.c.T("Terms"), s.c.F("version %s accepted", api.SanitizeLine(x.AcceptedTerms)), x.TermsAccepted),
		s.row(s.c.T("Customer id"), api.SanitizeLine(x.ConsumerID), x.ConsumerID != ""),
	}
	if note := flow.TermsNote(x); note != "" {
		// The terms accepted in this run stay accepted: one note, never the terms again.
		lines = append(lines, st.Warn.Width(max(20, s.c.width-2)).Render(s.c.T(note)))
	}
	if len(x.Snapshot.Statuses) > 0 {
		var parts []string
		for _, it := range x.Snapshot.Statuses {
			// A name and its value stay on one line: joined by no-break
			// spaces while wrapping, plain spaces again after.
			parts = append(parts, strings.ReplaceAll(api.SanitizeLine(it.Name)+" ", " ", "\u00a0")+st.Value.Render(api.SanitizeLine(it.Value)))
		}
		lines = append(lines, "", st.Muted.Render(s.c.T("The bank's own statuses:")), strings.ReplaceAll(para(strings.Join(parts, " · ")), "\u00a0", " "))
	}
	login := s.c.T("your phone number")
	if s.c.needs().LoginByEmail {
		login = s.c.T("your email address")
	}
	lines = append(lines, "", para(s.c.F(
		"What happens next: the bank opens your account and writes to %s. Log in to its app with %s and the password you chose.", api.SanitizeLine(x.Email), login)))
	if lipgloss.Height(strings.Join(lines, "\n")) > s.c.height {
		lines = slices.DeleteFunc(lines, func(l string) bool { return l == "" }) // a small window: no blank lines
	}
	return lipgloss.JoinVertical(lipgloss.Left, lines...)
}
