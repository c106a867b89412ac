package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/onboard-cli/onboard/api"
)

// readyMsg says how the provider's start (Options.Ready) went.
type readyMsg struct{ err error }

// waitReady is the Cmd that waits for Options.Ready; nil without one.
func waitReady(ready func() error) tea.Cmd {
	if ready == nil {
		return nil
	}
	return func() tea.Msg { return readyMsg{err: ready()} }
}

// StartErr is why the provider did not start (Options.Ready), or nil. The
// command ends with it as it would have before the first frame: the same
// sentence and exit code.
func (a *App) StartErr() error { return a.startErr }

// leaveKey ends a wizard whose provider did not start.
func (a *App) leaveKey() key.Binding {
	return key.NewBinding(key.WithKeys("enter", "q", "esc", "ctrl+c"), key.WithHelp("enter", a.c.T("leave")))
}

// unstarted takes a message while the start's failure is shown: a key
// that leaves ends the run; nothing else reaches the screens, whose calls
// can only fail.
func (a *App) unstarted(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.winW, a.winH = msg.Width, msg.Height
		a.layout()
	case tea.BackgroundColorMsg:
		if !a.themed {
			a.c.restyle(msg.IsDark())
		}
	case tea.KeyPressMsg:
		if key.Matches(msg, a.leaveKey()) {
			a.ending, a.err = EndFailed, a.startErr
			return a, tea.Quit
		}
	}
	return a, nil
}

// unstartedView is the body that says why the provider did not start.
func (a *App) unstartedView() string {
	s := a.c.styles
	w := lipgloss.NewStyle().Width(a.c.width)
	return s.Warn.Render(w.Render(api.SanitizeLine(a.startErr.Error()))) + "\n\n" +
		s.Muted.Render(w.Render(a.c.T("Nothing was sent anywhere. Press enter to leave.")))
}
