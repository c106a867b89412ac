package tui

import (
	"context"
	"errors"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
)

// codeScreen is the code step kind: a 6-digit code sent to the email
// address or by SMS is typed back (Weavr's email code and mobile OTP).
type codeScreen struct {
	c    *common
	ch   api.Channel
	code codeField
	// recent: the provider refused a send as too soon, so a code sent
	// moments ago (before a restart) is on its way.
	recent bool
}

func newCodeScreen(c *common, ch api.Channel) *codeScreen {
	return &codeScreen{c: c, ch: ch, code: newCodeField(c)}
}

func (s *codeScreen) Label() string {
	if s.ch == api.ChannelEmail {
		return "Email"
	}
	return "Mobile"
}

// via names the channel in sentences.
func (s *codeScreen) via() string {
	if s.ch == api.ChannelEmail {
		return "email"
	}
	return "SMS"
}

// sentAt is when the last code went out on this screen's channel.
func (s *codeScreen) sentAt() time.Time { return s.c.st.CodeSentAt(s.ch) }

// Init sends a code (unless one went out within the cooldown, before a
// resume) and starts the clock for the resend countdown.
func (s *codeScreen) Init() tea.Cmd {
	if s.c.resendIn(s.sentAt()) > 0 {
		return s.c.tick(time.Second, "clock")
	}
	return tea.Batch(s.send(), s.c.tick(time.Second, "clock"))
}

func (s *codeScreen) send() tea.Cmd {
	ch := s.ch
	return s.c.run("send", func(ctx context.Context, st flow.State) (flow.State, error) {
		return s.c.opts.Engine.SendCode(ctx, st, ch)
	})
}

func (s *codeScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case opMsg:
		return s, s.result(msg)
	case tickMsg:
		return s, s.c.tick(time.Second, "clock") // redraws the countdown
	case tea.KeyPressMsg:
		k := s.c.keys
		switch {
		case key.Matches(msg, k.Resend):
			if s.c.busy() || s.c.resendIn(s.sentAt()) > 0 {
				return s, nil
			}
			s.code.errText = ""
			return s, s.send()
		case key.Matches(msg, k.Enter):
			return s, s.submit()
		}
	}
	return s, s.code.update(msg)
}

func (s *codeScreen) submit() tea.Cmd {
	ch, eng := s.ch, s.c.opts.Engine
	return s.code.check(s.via(), "verify", func(ctx context.Context, st flow.State, code string) (flow.State, error) {
		return eng.VerifyCode(ctx, st, ch, code)
	})
}

func (s *codeScreen) result(msg opMsg) tea.Cmd {
	switch {
	case msg.op == "send":
		s.recent = msg.st.SentTooSoon(flow.CodeMessage(s.ch), msg.err) // one left moments ago: type that one
		return nil                                                     // another failure is in the banner
	case msg.err == nil, errors.Is(msg.err, flow.ErrLoginNeeded):
		s.code.in.SetValue("")
		return advance // verified, or back to the login
	}
	s.code.refused(msg.err, s.c.T("Type the code again, or press ctrl+r for a new one."))
	return nil
}

// showsError implements errorShower: a wrong code is said under the field.
func (s *codeScreen) showsError(m opMsg) bool {
	return wrongCode(m.err) || m.op == "send" && m.st.SentTooSoon(flow.CodeMessage(s.ch), m.err)
}

func (s *codeScreen) Keys() []key.Binding {
	return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", s.c.T("verify"))), s.c.resendKey(s.sentAt())}
}

func (s *codeScreen) View() string {
	st := s.c.styles
	title, to, by := s.c.T("Confirm your email address"), api.SanitizeLine(s.c.st.Email), s.c.T("email")
	if s.ch == api.ChannelSMS {
		title, to, by = s.c.T("Confirm your mobile number"), s.c.ownPhone(), s.c.T("SMS")
	}
	lines := []string{st.Title.Render(title)}
	switch sent := s.sentAt(); {
	case s.recent && sent.IsZero():
		lines = append(lines, st.Text.Width(s.c.width).Render(s.c.F("A code was sent to %s moments ago; type that one, or press ctrl+r for a new one in a moment.", to)))
	case s.c.busy() && sent.IsZero():
		lines = append(lines, st.Muted.Render(s.c.F("Sending a code by %s to %s…", by, to)))
	case sent.IsZero():
		lines = append(lines, st.Warn.Width(s.c.width).Render(s.c.F("No code was sent yet: press ctrl+r to send one to %s.", to)))
	default:
		lines = append(lines, st.Text.Width(s.c.width).Render(s.c.F("We sent a 6-digit code to %s at %s.", to, sent.Local().Format("15:04"))))
	}
	lines = append(lines, "")
	lines = append(lines, s.code.view(s.c.busy() && !s.sentAt().IsZero(), s.c.T("Checking…"))...)
	return lipgloss.JoinVertical(lipgloss.Left, lines...)
}
