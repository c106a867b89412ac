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

// loginScreen logs in with the password when a run resumes (after the
// password step, the provider logs in by itself). A forgotten password is
// set again with an SMS code.
type loginScreen struct {
	c      *common
	pw     textinput.Model
	spin   spinner.Model
	wrong  int
	reveal bool
	// said is why the last enter did not log in (no password typed, or
	// the provider refused it), said under the field until the password
	// changes; hint: it is the empty field's, which names ctrl+n itself.
	said string
	hint bool
}

func newLoginScreen(c *common) *loginScreen {
	s := &loginScreen{c: c, pw: newSecretInput(c, 32), spin: newSpinner(c)}
	s.pw.Focus()
	return s
}

func (s *loginScreen) Label() string { return "Login" }

func (s *loginScreen) Init() tea.Cmd { return nil }

func (s *loginScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case opMsg:
		if msg.err == nil {
			s.pw.SetValue("")
			return s, advance
		}
		s.wrong++
		s.said, s.hint = "", false
		if errors.Is(msg.err, api.ErrUnauthorized) {
			s.said = s.c.T("That is not the password for this number; type it again.")
			if !s.byPhone() {
				s.said = s.c.T("That is not the password for this email address; type it again.")
			}
		}
		s.pw.SetValue("")
		return s, nil
	case spinner.TickMsg:
		return s, turn(&s.spin, s.c.busy(), msg)
	case tea.KeyPressMsg:
		if s.c.busy() {
			return s, nil
		}
		k := s.c.keys
		switch {
		case key.Matches(msg, k.Enter):
			if s.pw.Value() == "" { // said where the password goes, as a refused one is
				s.said, s.hint = s.c.T("Type your password, or press ctrl+n to set a new one by SMS."), true
				if !s.byPhone() {
					s.said = s.c.T("Type your password.")
				}
				return s, nil
			}
			pw := s.pw.Value()
			return s, tea.Batch(s.spin.Tick, s.c.run("login", func(ctx context.Context, st flow.State) (flow.State, error) {
				return s.c.opts.Engine.Login(ctx, st, pw)
			}))
		case key.Matches(msg, k.Reveal):
			s.reveal = !s.reveal
			s.pw.EchoMode = echo(s.reveal)
			return s, nil
		case msg.String() == "ctrl+n" && s.byPhone():
			s.c.st.PasswordSet = false
			return s, advance
		}
	}
	var cmd tea.Cmd
	before := s.pw.Value()
	s.pw, cmd = s.pw.Update(msg)
	if s.pw.Value() != before {
		s.said, s.hint = "", false
	}
	return s, cmd
}

// showsError implements errorShower: a refused password is said under
// the field, of the number or address shown above it, which cannot be
// changed here (the provider's "the phone number or the password is
// wrong" sent the person looking for a number field).
func (s *loginScreen) showsError(m opMsg) bool { return errors.Is(m.err, api.ErrUnauthorized) }

// byPhone reports whether the login is the phone, whose password can be
// set again with an SMS secret (LinkCy); otherwise it is the email.
func (s *loginScreen) byPhone() bool { return !s.c.needs().LoginByEmail }

func (s *loginScreen) Keys() []key.Binding {
	keys := []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", s.c.T("log in"))), s.c.keys.Reveal}
	if s.byPhone() {
		keys = append(keys, key.NewBinding(key.WithKeys("ctrl+n"), key.WithHelp("ctrl+n", s.c.T("forgot password"))))
	}
	return keys
}

func (s *loginScreen) View() string {
	st := s.c.styles
	who := s.c.ownPhone()
	if !s.byPhone() {
		who = api.SanitizeLine(s.c.st.Email)
	}
	lines := []string{st.Title.Render(s.c.T("Welcome back")),
		st.Text.Width(s.c.width).Render(s.c.F("Log in as %s to carry on where you left off.", who)), "",
		st.Focused.Render(s.c.T("› Password")) + s.pw.View()}
	if s.said != "" {
		lines = append(lines, st.Bad.Width(s.c.width).Render("✗ "+s.said))
	}
	if s.c.busy() {
		lines = append(lines, "", s.spin.View()+" "+s.c.T("Logging in…"))
	} else if s.wrong > 0 && s.byPhone() && !s.hint { // the hint says ctrl+n already
		lines = append(lines, "", st.Muted.Width(s.c.width).Render(s.c.T("Forgot it? Press ctrl+n: we text you a code and you choose a new password.")))
	}
	return lipgloss.JoinVertical(lipgloss.Left, lines...)
}
