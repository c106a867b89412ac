package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
)

// The credentials screen's stages.
const (
	stageSecret = iota
	stagePassword
	stageSubmit
)

// credentialsScreen proves the phone with the SMS secret and sets the
// password; the provider logs the consumer in at the same time.
type credentialsScreen struct {
	c       *common
	stage   int
	secret  textinput.Model
	pw      textinput.Model
	confirm textinput.Model
	pwFocus int // 0 password, 1 confirmation
	reveal  bool
	spin    spinner.Model
	errText string // in the person's language
	burned  bool   // the provider refused the code for too many wrong tries
}

func newCredentialsScreen(c *common) *credentialsScreen {
	s := &credentialsScreen{c: c, secret: newSecretInput(c, 12), pw: newSecretInput(c, 32), confirm: newSecretInput(c, 32), spin: newSpinner(c)}
	s.secret.Placeholder, s.secret.CharLimit = c.T("6 digits"), 16
	if !c.needs().SMSSecret {
		s.stage = stagePassword // the provider sets a password without a code
	}
	s.focus()
	return s
}

// withSecret reports whether the provider proves the phone with an SMS
// secret on this screen.
func (s *credentialsScreen) withSecret() bool { return s.c.needs().SMSSecret }

func (s *credentialsScreen) Label() string {
	switch {
	case s.stage == stageSecret:
		return "Secret"
	case s.stage == stagePassword || !s.withSecret():
		return "Password"
	}
	return "Login"
}

// Init texts a secret (unless one went out within the cooldown, before a
// resume: the provider would refuse another) and starts the
// once-a-second clock for the countdowns.
func (s *credentialsScreen) Init() tea.Cmd {
	if !s.withSecret() {
		return nil
	}
	if s.resendIn() > 0 {
		return s.c.tick(time.Second, "clock")
	}
	return tea.Batch(s.send(), s.c.tick(time.Second, "clock"))
}

func (s *credentialsScreen) send() tea.Cmd {
	return s.c.run("send", func(ctx context.Context, st flow.State) (flow.State, error) {
		return s.c.opts.Engine.SendSecret(ctx, st)
	})
}

// resendIn is how long before another SMS may be asked for.
func (s *credentialsScreen) resendIn() time.Duration { return s.c.resendIn(s.c.st.SecretSentAt) }

func (s *credentialsScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case opMsg:
		return s, s.result(msg)
	case tickMsg:
		return s, s.c.tick(time.Second, "clock") // redraws the countdowns
	case spinner.TickMsg:
		return s, turn(&s.spin, s.stage == stageSubmit, msg)
	case tea.KeyPressMsg:
		return s, s.key(msg)
	case tea.PasteMsg:
		s.errText = ""
	}
	return s, s.updateFocused(msg)
}

func (s *credentialsScreen) result(msg opMsg) tea.Cmd {
	if msg.op == "send" {
		if msg.err == nil { // a new code: what was said of the old one no longer holds
			s.errText, s.burned = "", false
		}
		return nil // success restarts the cooldown; a failure is in the banner
	}
	switch {
	case msg.err == nil:
		s.pw.SetValue("")
		s.confirm.SetValue("")
		return advance
	case errors.Is(msg.err, api.ErrInvalidCode), errors.Is(msg.err, api.ErrTooManyAttempts):
		// Type the code again, under which the screen says so; the
		// password is kept.
		s.stage = stageSecret
		s.secret.SetValue("")
		s.errText = s.c.F("%s Type the code again, or press ctrl+r for a new one.", s.c.explain(msg.err))
		if s.burned = s.burned || errors.Is(msg.err, api.ErrTooManyAttempts); s.burned { // only a new code unburns it
			// The countdown's line says what to do (lifetime); the generic
			// sentence spoke of logging in and said "new code" twice.
			s.errText = s.c.T("Too many wrong tries for this code.")
		}
		s.focus()
	case flow.PasswordRefused(msg.err): // not any refusal: one that names the password
		s.stage = stagePassword
		s.pw.SetValue("")
		s.confirm.SetValue("")
		s.pwFocus = 0
		s.focus()
	default:
		s.stage = stagePassword // enter tries again
		s.focus()
	}
	return nil
}

// showsError implements errorShower: a wrong code is said under the field.
func (s *credentialsScreen) showsError(m opMsg) bool {
	return errors.Is(m.err, api.ErrInvalidCode) || errors.Is(m.err, api.ErrTooManyAttempts)
}

func (s *credentialsScreen) key(msg tea.KeyPressMsg) tea.Cmd {
	k := s.c.keys
	if s.stage == stageSubmit { // the only call that blocks keys
		return nil
	}
	switch {
	case key.Matches(msg, k.Reveal):
		s.reveal = !s.reveal
		mode := echo(s.reveal)
		s.secret.EchoMode, s.pw.EchoMode, s.confirm.EchoMode = mode, mode, mode
		return nil
	case key.Matches(msg, k.Resend):
		if wait := s.resendIn(); wait > 0 && s.withSecret() {
			// Said here too: a narrow footer drops the key's countdown.
			s.errText = s.c.F("A new code can be sent in %d s.", int(wait.Round(time.Second).Seconds()))
			return nil
		}
		if s.c.busy() || !s.withSecret() {
			return nil
		}
		return s.send()
	case key.Matches(msg, k.Enter):
		return s.enter()
	case s.stage == stagePassword && key.Matches(msg, k.Next, k.Prev):
		s.pwFocus = 1 - s.pwFocus
		s.focus()
		return nil
	case s.stage == stagePassword && key.Matches(msg, k.Back) && s.withSecret():
		s.stage = stageSecret
		s.focus()
		return nil
	}
	return s.updateFocused(msg)
}

func (s *credentialsScreen) enter() tea.Cmd {
	s.errText = ""
	if s.stage == stageSecret {
		if _, err := flow.NormalizeSecret(s.secret.Value()); err != nil {
			s.errText = s.c.refusal(err)
			return nil
		}
		s.stage = stagePassword
		if !s.passwordKept() {
			s.focus()
			return nil
		}
		// The code was wrong and the password is kept: the code typed
		// again sends both, rather than showing filled fields a person
		// would type the password into a second time.
	}
	if s.pwFocus == 0 && s.confirm.Value() == "" {
		if err := flow.ValidatePassword(s.pw.Value(), s.pw.Value(), s.c.st.Phone); err != nil {
			s.errText = s.c.refusal(err)
			return nil
		}
		s.pwFocus = 1
		s.focus()
		return nil
	}
	if err := flow.ValidatePassword(s.pw.Value(), s.confirm.Value(), s.c.st.Phone); err != nil {
		s.errText = s.c.refusal(err)
		return nil
	}
	if s.c.busy() {
		return nil // an SMS is on its way; enter again in a moment
	}
	secret, _ := flow.NormalizeSecret(s.secret.Value())
	pw := s.pw.Value()
	s.stage = stageSubmit
	return tea.Batch(s.spin.Tick, s.c.run("password", func(ctx context.Context, st flow.State) (flow.State, error) {
		return s.c.opts.Engine.SetPassword(ctx, st, secret, pw)
	}))
}

// passwordKept is whether both password fields hold a password the rules
// accept, as after a wrong code.
func (s *credentialsScreen) passwordKept() bool {
	return s.confirm.Value() != "" && flow.ValidatePassword(s.pw.Value(), s.confirm.Value(), s.c.st.Phone) == nil
}

func (s *credentialsScreen) focus() {
	s.secret.Blur()
	s.pw.Blur()
	s.confirm.Blur()
	switch {
	case s.stage == stageSecret:
		s.secret.Focus()
	case s.pwFocus == 0:
		s.pw.Focus()
	default:
		s.confirm.Focus()
	}
}

func (s *credentialsScreen) updateFocused(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch {
	case s.stage == stageSecret:
		s.secret, cmd = s.secret.Update(msg)
	case s.stage == stagePassword && s.pwFocus == 0:
		s.pw, cmd = s.pw.Update(msg)
	case s.stage == stagePassword:
		s.confirm, cmd = s.confirm.Update(msg)
	}
	if _, ok := msg.(tea.KeyPressMsg); ok {
		s.errText = ""
	}
	return cmd
}

func (s *credentialsScreen) Keys() []key.Binding {
	k := s.c.keys
	switch s.stage {
	case stageSecret:
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", s.c.T("next"))), s.c.resendKey(s.c.st.SecretSentAt), k.Reveal}
	case stagePassword:
		keys := []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", s.c.T("set password"))), k.Reveal}
		if s.withSecret() {
			keys = append(keys, key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", s.c.T("change code"))))
		}
		return keys
	}
	return nil
}

func (s *credentialsScreen) View() string {
	st := s.c.styles
	number := s.c.ownPhone()
	if s.stage == stageSubmit {
		return lipgloss.JoinVertical(lipgloss.Left, st.Title.Render(s.c.T("Logging in")), "",
			s.spin.View()+" "+s.c.T("Setting your password and logging you in…"))
	}
	var lines []string
	switch {
	case !s.withSecret():
		lines = append(lines, st.Title.Render(s.c.T("Choose a password")),
			st.Muted.Render(s.c.F("You will log in with %s and this password.", api.SanitizeLine(s.c.st.Email))))
	case s.c.busy() && s.c.st.SecretSentAt.IsZero():
		lines = append(lines, st.Muted.Render(s.c.F("Sending a code by SMS to %s…", number)))
	case s.c.st.SecretSentAt.IsZero():
		lines = append(lines, st.Warn.Render(s.c.F("No code was sent yet: press ctrl+r to send one to %s.", number)))
	default:
		lines = append(lines, st.Text.Render(s.c.F("Code sent to %s at %s. ", number, s.c.st.SecretSentAt.Local().Format("15:04")))+st.Muted.Render(s.lifetime()))
	}
	if s.withSecret() {
		lines = append([]string{st.Title.Render(s.c.T("Prove it is your phone, then choose a password"))}, lines...)
	}
	lines = append(lines, "")
	if s.stage == stageSecret {
		lines = append(lines, st.Focused.Render(s.c.T("› SMS code"))+s.secret.View())
		if s.errText != "" {
			lines = append(lines, field(st.Label.Render(""), st.Bad.Render(s.errText), s.c.width))
		} else {
			lines = append(lines, field(st.Label.Render(""), st.Muted.Render(s.c.T("Pasting “123 456” works too.")), s.c.width))
		}
		return strings.Join(lines, "\n")
	}
	if s.withSecret() {
		lines = append(lines, st.Label.Render(s.c.T("  SMS code"))+st.Good.Render(s.c.T("✓ typed"))+st.Muted.Render(s.c.T("  (esc to change it)")), "")
	}
	label := func(i int, text string) string {
		if s.pwFocus == i {
			return st.Focused.Render("› " + text)
		}
		return st.Label.Render("  " + text)
	}
	lines = append(lines, label(0, s.c.T("Password"))+s.pw.View(), label(1, s.c.T("Again"))+s.confirm.View())
	if s.errText != "" {
		lines = append(lines, field(st.Label.Render(""), st.Bad.Render(s.errText), s.c.width))
	}
	lines = append(lines, "", st.Muted.Render(s.c.T("Your password needs:")))
	digits := s.c.st.Phone.CallingCode + s.c.st.Phone.National
	var rules []string
	for _, r := range api.PasswordRules() {
		mark := st.Muted.Render("○ ")
		if s.pw.Value() != "" {
			if r.Met(s.pw.Value(), digits) {
				mark = st.Good.Render("✓ ")
			} else {
				mark = st.Bad.Render("✗ ")
			}
		}
		rules = append(rules, mark+st.Text.Render(s.c.T(r.Text)))
	}
	if lipgloss.Height(strings.Join(lines, "\n"))+len(rules) > s.c.height {
		// One a line would run below the window (60×20 hid the last
		// two): side by side, wrapped.
		return strings.Join(append(lines, flowItems(rules, s.c.width, "  ")...), "\n")
	}
	for _, r := range rules {
		lines = append(lines, "  "+r)
	}
	return strings.Join(lines, "\n")
}

// flowItems lays items out side by side, as many to a line as fit in
// width, each line indented by indent.
func flowItems(items []string, width int, indent string) []string {
	var out []string
	line := ""
	for _, it := range items {
		switch {
		case line == "":
			line = indent + it
		case lipgloss.Width(line)+3+lipgloss.Width(it) <= width:
			line += "   " + it
		default:
			out, line = append(out, line), indent+it
		}
	}
	if line != "" {
		out = append(out, line)
	}
	return out
}

// lifetime is the secret's countdown, when its lifetime is known, in
// the person's language.
func (s *credentialsScreen) lifetime() string {
	ttl := s.c.opts.SecretTTL
	if ttl <= 0 {
		return s.c.T("It is valid for a short time.")
	}
	left := s.c.st.SecretSentAt.Add(ttl).Sub(s.c.now())
	if s.burned {
		return s.c.T("It no longer works: press ctrl+r for a new one.")
	}
	if left <= 0 {
		return s.c.T("It has expired: press ctrl+r for a new one.")
	}
	left = left.Round(time.Second)
	return s.c.F("Valid for %d:%s.", int(left.Minutes()), fmt.Sprintf("%02d", int(left.Seconds())%60))
}
