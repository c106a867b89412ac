package tui

import (
	"strconv"
	"time"

	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// newSpinner is the wizard's spinner: MiniDot at 5 frames a second, not
// its 12. Each frame builds the whole screen (a QR code on the KYC
// screen) and a wait can last minutes; 5 is calm and measurably cheaper.
func newSpinner(c *common) spinner.Model {
	sp := spinner.MiniDot
	sp.FPS = time.Second / 5
	return spinner.New(spinner.WithSpinner(sp), spinner.WithStyle(c.styles.Accent))
}

// turn moves sp on by one frame for its own tick while on; any other
// tick, or one after the wait ended, is dropped, which stops it turning.
func turn(sp *spinner.Model, on bool, msg spinner.TickMsg) tea.Cmd {
	if !on || msg.ID != sp.ID() {
		return nil
	}
	var cmd tea.Cmd
	*sp, cmd = sp.Update(msg)
	return cmd
}

// newInput is a text field in the wizard's style, with a steady cursor (a
// blinking one redraws the screen twice a second for nothing).
func newInput(c *common, placeholder string, width int) textinput.Model {
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = placeholder
	st := textinput.DefaultStyles(c.styles.IsDark())
	st.Cursor.Blink = false
	in.SetStyles(st)
	in.SetWidth(width)
	return in
}

// newSecretInput is a field for a password or a code: masked, or with
// no echo at all when an agent assisted the run (the customer types it
// on the agent's screen, and no key reveals it).
func newSecretInput(c *common, width int) textinput.Model {
	in := newInput(c, "", width)
	in.EchoMode, in.EchoCharacter = textinput.EchoPassword, '•'
	if c.opts.Assisted {
		in.EchoMode = textinput.EchoNone
	}
	return in
}

func itoa(n int) string { return strconv.Itoa(n) }

// echo is how a secret field shows what is typed: masked, or revealed.
func echo(reveal bool) textinput.EchoMode {
	if reveal {
		return textinput.EchoNormal
	}
	return textinput.EchoPassword
}

// field lays out a label and its content; the content wraps under itself,
// never under the label.
func field(label, content string, width int) string {
	w := max(10, width-lipgloss.Width(label))
	return lipgloss.JoinHorizontal(lipgloss.Top, label, lipgloss.NewStyle().Width(w).Render(content))
}
