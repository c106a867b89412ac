package tui

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
)

// changeScreen changes a registered phone number or email address
// (flow.Engine.ChangeContact), reached with the back key: the two in full,
// editable; then, where the bank asks for it, the wait for the approval on
// the person's phone (a push, or a join code shown as text and QR code).
// Esc leaves everything as it was.
type changeScreen struct {
	c       *common
	focus   int // 0 the number, 1 the email address
	number  textinput.Model
	email   textinput.Model
	errText [2]string
	spin    spinner.Model
	// want is the change sent; sca, the wait for its approval.
	want    api.Contact
	sending bool
	sca     approval
}

func newChangeScreen(c *common) *changeScreen {
	s := &changeScreen{c: c, number: newInput(c, c.T("e.g. +33 6 12 34 56 78"), 24), email: newInput(c, c.T("e.g. ada@example.com"), 36), spin: newSpinner(c)}
	s.number.SetValue(flow.FormatPhone(c.st.Phone))
	s.email.SetValue(c.st.Email)
	s.number.Focus()
	s.sca.replay = s.send
	s.sca.cancel = func() tea.Cmd { return advance } // back where the plan stands: nothing changed
	return s
}

func (s *changeScreen) Label() string { return flow.Label(flow.StepRegister, s.c.needs()) }

func (s *changeScreen) Init() tea.Cmd { return nil }

// usesBack implements backUser: esc leaves the screen, shift+tab moves.
func (s *changeScreen) usesBack(tea.KeyPressMsg) bool { return true }

func (s *changeScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case opMsg:
		return s, s.result(msg)
	case tickMsg:
		cmd, _ := s.sca.update(s.c, msg)
		return s, cmd
	case spinner.TickMsg:
		return s, turn(&s.spin, s.sending || s.sca.waiting, msg)
	case tea.KeyPressMsg:
		if cmd, done := s.key(msg); done {
			return s, cmd
		}
	}
	return s, s.updateFocused(msg)
}

func (s *changeScreen) key(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if cmd, ok := s.sca.update(s.c, msg); ok { // the wait for the approval
		return cmd, true
	}
	k := s.c.keys
	switch {
	case key.Matches(msg, k.Back):
		return s.sca.leave(s.c), true
	case s.sending:
		return nil, true
	case key.Matches(msg, k.Next, k.Prev):
		s.focus = 1 - s.focus
		s.number.Blur()
		s.email.Blur()
		if s.focus == 0 {
			return s.number.Focus(), true
		}
		return s.email.Focus(), true
	case key.Matches(msg, k.Enter):
		return s.submit(), true
	}
	return nil, false
}

func (s *changeScreen) updateFocused(msg tea.Msg) tea.Cmd {
	if s.sending || s.sca.waiting {
		return nil
	}
	var cmd tea.Cmd
	if s.focus == 0 {
		s.number, cmd = s.number.Update(msg)
	} else {
		s.email, cmd = s.email.Update(msg)
	}
	if _, ok := msg.(tea.KeyPressMsg); ok {
		s.errText[s.focus] = ""
	}
	return cmd
}

// submit reads both fields, then sends the change.
func (s *changeScreen) submit() tea.Cmd {
	s.errText = [2]string{}
	p, err := flow.ParsePhone(s.number.Value(), flow.RegionOf(s.c.st.Phone), s.c.opts.Codes)
	if err != nil {
		s.errText[0] = sentence(err.Error())
	}
	email := strings.TrimSpace(s.email.Value())
	if email != "" || s.c.st.Email != "" {
		if err := flow.ValidateEmail(email); err != nil {
			s.errText[1] = sentence(err.Error())
		}
	}
	if s.errText[0] != "" || s.errText[1] != "" {
		return nil
	}
	s.want = api.Contact{Phone: p.Phone, Email: email}
	s.sending = true
	return tea.Batch(s.spin.Tick, s.send())
}

func (s *changeScreen) send() tea.Cmd {
	want, eng := s.want, s.c.opts.Engine
	return s.c.run("change", func(ctx context.Context, st flow.State) (flow.State, error) {
		return eng.ChangeContact(ctx, st, want)
	})
}

func (s *changeScreen) result(msg opMsg) tea.Cmd {
	s.sending = false
	if msg.err == nil {
		return advance // the plan now stands on the new number's code
	}
	if cmd, ok := s.sca.answered(s.c, msg.err); ok {
		if _, pending := api.SCAPending(msg.err); pending {
			return tea.Batch(s.spin.Tick, cmd)
		}
		return cmd
	}
	return nil // the banner says why; the fields are as typed
}

// showsError implements errorShower: a wait for the approval is the
// screen's, not an error.
func (s *changeScreen) showsError(m opMsg) bool { return isApprovalWait(m.err) }

func (s *changeScreen) Keys() []key.Binding {
	// "cancel", short enough to stay in the help line at 80 columns
	// ("keep them as they were" gave way to the others).
	keep := key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", s.c.T("cancel")))
	if s.sca.waiting {
		return s.sca.keys(s.c)
	}
	return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", s.c.T("change"))), keep, s.c.keys.Next}
}

func (s *changeScreen) View() string {
	if s.sca.waiting {
		return s.sca.view(s.c, s.spin.View())
	}
	st := s.c.styles
	note := s.c.T("The bank changes them on your account; a new number or address is then confirmed with a new code or link.")
	if s.c.st.Session.Token == "" {
		note = s.c.T("Nothing proves this number yet, so onboard registers you again with the one you type, and the code goes to it.")
	}
	lines := []string{st.Title.Render(s.c.T("Change your number or email address")), st.Muted.Width(s.c.width).Render(note), ""}
	label := func(i int, text string) string {
		if s.focus == i {
			return st.Focused.Render("› " + s.c.T(text))
		}
		return st.Label.Render("  " + s.c.T(text))
	}
	for i, f := range []struct {
		name string
		in   textinput.Model
	}{{"Number", s.number}, {"Email", s.email}} {
		lines = append(lines, label(i, f.name)+f.in.View())
		if e := s.errText[i]; e != "" {
			lines = append(lines, field(st.Label.Render(""), st.Bad.Render(s.c.T(e)), s.c.width))
		}
	}
	if s.sending {
		lines = append(lines, "", s.spin.View()+" "+s.c.T("Changing your details…"))
	}
	return strings.Join(lines, "\n")
}
