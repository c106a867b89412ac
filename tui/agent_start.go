package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/onboard-cli/onboard/api"
)

// StartErr is why the provider did not start (AgentOptions.Ready), or
// nil. The command ends with it as it would have before the first frame.
func (a *Agent) StartErr() error { return a.startErr }

// ready takes in how the start went; a failure replaces whatever was in
// flight (a search, which can only fail too).
func (a *Agent) ready(msg readyMsg) {
	if msg.err != nil {
		a.startErr, a.busy = msg.err, ""
	}
}

// unstarted takes a key while the start's failure is shown: one that
// leaves ends the console; nothing else reaches the pages.
func (a *Agent) unstarted(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	leave := key.NewBinding(key.WithKeys("enter", "q", "esc", "ctrl+c"))
	if key.Matches(k, leave) {
		a.closing = true
		return tea.Quit
	}
	return nil
}

// unstartedLine is the banner that says why the provider did not start.
func (a *Agent) unstartedLine() string {
	return a.c.styles.Banner.Render(api.SanitizeLine(a.startErr.Error()) + " " + a.c.T("Nothing was sent anywhere. Press enter to leave."))
}
