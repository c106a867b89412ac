package tui

import (
	"context"
	"errors"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
)

// emailScreen sets the email address, sends the verification link and
// waits for the click, with a resend. An address in place of one the
// provider has may wait for the bank's approval first (flow's SaveEmail),
// shown as the change screen shows it.
type emailScreen struct {
	c       *common
	in      textinput.Model
	waiting bool
	errText string // in the person's language
	wait    wait
	// want is the address sent; sca, the wait for the approval of its
	// change, with spin turning meanwhile.
	want string
	sca  approval
	spin spinner.Model
}

func newEmailScreen(c *common) *emailScreen {
	s := &emailScreen{c: c, in: newInput(c, c.T("e.g. ada@example.com"), 40), spin: newSpinner(c)}
	s.in.SetValue(c.st.Email)
	s.in.CursorEnd()
	s.in.Focus()
	s.sca.replay = func() tea.Cmd { return s.send(s.want) }
	s.sca.cancel = func() tea.Cmd { // the field holds the provider's address again
		s.c.supersede()
		s.in.SetValue(s.c.st.Email)
		s.in.CursorEnd()
		return s.in.Focus()
	}
	s.sca.resume = s.in.Focus // the address as typed: enter sends it again
	return s
}

func (s *emailScreen) Label() string { return "Email" }

func (s *emailScreen) Init() tea.Cmd { return nil }

// send saves the address when it changed and sends the link. A send
// refused as too soon means one left moments ago: wait for that one.
func (s *emailScreen) send(email string) tea.Cmd {
	eng := s.c.opts.Engine
	s.want = email
	return s.c.run("send", func(ctx context.Context, st flow.State) (flow.State, error) {
		st, err := eng.SaveEmail(ctx, st, email)
		if err != nil {
			return st, err
		}
		st, err = eng.SendEmail(ctx, st)
		if errors.Is(err, api.ErrRateLimited) {
			return st, nil
		}
		return st, err
	})
}

func (s *emailScreen) poll() tea.Cmd {
	return s.c.run("poll", func(ctx context.Context, st flow.State) (flow.State, error) {
		return s.c.opts.Engine.Sync(ctx, st)
	})
}

func (s *emailScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case opMsg:
		return s, s.result(msg)
	case tickMsg:
		switch msg.what {
		case "poll":
			return s, s.poll()
		case "verified":
			return s, advance
		case "sca":
			cmd, _ := s.sca.update(s.c, msg)
			return s, cmd
		}
		return s, nil
	case spinner.TickMsg:
		return s, turn(&s.spin, s.sca.waiting, msg)
	case tea.KeyPressMsg:
		if cmd, done := s.key(msg); done {
			return s, cmd
		}
	}
	if s.waiting {
		return s, nil
	}
	var cmd tea.Cmd
	s.in, cmd = s.in.Update(msg)
	if _, ok := msg.(tea.KeyPressMsg); ok {
		s.errText = ""
	}
	return s, cmd
}

func (s *emailScreen) result(msg opMsg) tea.Cmd {
	if msg.op == "send" && msg.err != nil {
		if cmd, ok := s.sca.answered(s.c, msg.err); ok {
			if !s.sca.waiting { // over (flow.SCAWaitOver): the field as typed
				return cmd
			}
			s.in.Blur()
			if _, pending := api.SCAPending(msg.err); pending {
				return tea.Batch(s.spin.Tick, cmd)
			}
			return cmd
		}
		s.waiting = false // the banner says why; enter sends again
		s.in.Focus()
		return nil
	}
	s.sca.stop()
	if s.c.st.EmailVerified {
		return s.c.tick(900*time.Millisecond, "verified")
	}
	if msg.op == "send" {
		s.waiting = true
		s.wait.restart(s.c)
		s.in.Blur()
	}
	cmd, ok := s.wait.answered(s.c, msg.err)
	if !ok {
		s.wait.over = true // the banner says why; enter checks again
	}
	return cmd
}

// showsError implements errorShower.
func (s *emailScreen) showsError(m opMsg) bool { return isApprovalWait(m.err) || s.wait.showsError(m) }

func (s *emailScreen) key(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := s.c.keys
	if cmd, ok := s.sca.update(s.c, msg); ok { // the wait for the approval of the change
		return cmd, true
	}
	if s.c.busy() && !s.waiting {
		return nil, true
	}
	if !s.waiting {
		if !key.Matches(msg, k.Enter) {
			return nil, false
		}
		email := s.in.Value()
		if err := flow.ValidateEmail(email); err != nil {
			s.errText = s.c.refusal(err)
			return nil, true
		}
		return s.send(email), true
	}
	switch {
	case key.Matches(msg, k.Resend):
		if s.c.busy() || s.resendIn() > 0 {
			return nil, true
		}
		s.c.supersede()
		return s.send(s.c.st.Email), true
	case key.Matches(msg, k.Back):
		s.c.supersede()
		s.waiting = false
		s.in.Focus()
		return nil, true
	case key.Matches(msg, k.Stop):
		return end(EndWaiting, nil), true
	case key.Matches(msg, k.Enter) && s.wait.over:
		s.wait.restart(s.c)
		return s.poll(), true
	}
	return nil, true
}

func (s *emailScreen) resendIn() time.Duration { return s.c.resendIn(s.c.st.EmailSentAt) }

func (s *emailScreen) Keys() []key.Binding {
	k := s.c.keys
	if s.sca.waiting {
		return s.sca.keys(s.c)
	}
	if !s.waiting {
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", s.c.T("send the link")))}
	}
	resend := k.Resend
	if wait := s.resendIn(); wait > 0 {
		resend = key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", s.c.F("resend in %s", flow.HowLong(wait))))
	}
	return []key.Binding{resend, key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", s.c.T("change address"))), k.Stop}
}

func (s *emailScreen) View() string {
	if s.sca.waiting {
		return s.sca.view(s.c, s.spin.View())
	}
	st := s.c.styles
	w := max(20, s.c.width-2)
	lines := []string{st.Title.Render(s.c.T("Confirm your email address")), ""}
	if !s.waiting {
		lines = append(lines, st.Text.Width(w).Render(s.c.T("We send a link to this address; opening it confirms the address is yours.")), "",
			st.Focused.Render(s.c.T("› Email"))+s.in.View())
		if s.errText != "" {
			lines = append(lines, field(st.Label.Render(""), st.Bad.Render(s.errText), s.c.width))
		}
		return lipgloss.JoinVertical(lipgloss.Left, lines...)
	}
	lines = append(lines, st.Text.Width(w).Render(s.c.F("We sent a link to %s. Open it to confirm the address; this screen moves on by itself.", st.Value.Render(api.SanitizeLine(s.c.st.Email)))), "")
	switch {
	case s.c.st.EmailVerified:
		lines = append(lines, st.Good.Render(s.c.T("✓ Email verified")))
	case s.wait.over:
		lines = append(lines, st.Warn.Width(w).Render(stillWaiting(s.c)))
	case s.wait.troubleLine(s.c) != "":
		lines = append(lines, st.Warn.Width(w).Render(s.wait.troubleLine(s.c)))
	default:
		lines = append(lines, st.Muted.Render(s.c.T("Waiting for the click… Nothing arrived? Check the spam folder, or resend.")))
	}
	return lipgloss.JoinVertical(lipgloss.Left, lines...)
}
