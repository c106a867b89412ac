package tui

import "charm.land/bubbles/v2/key"

// keyMap is every binding of the wizard in one place. Screens enable the
// ones that apply and list them in their help.
type keyMap struct {
	Quit     key.Binding
	Enter    key.Binding
	Next     key.Binding
	Prev     key.Binding
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Accept   key.Binding
	Decline  key.Binding
	Resend   key.Binding
	Reveal   key.Binding
	Copy     key.Binding
	Open     key.Binding
	NewLink  key.Binding
	Login    key.Binding
	NewPass  key.Binding
	Stop     key.Binding
	Back     key.Binding
}

// defaultKeys are the wizard's keys; resumes says whether a stopped run
// can be resumed (it keeps progress), which q's help then promises.
func defaultKeys(resumes bool) keyMap {
	stop := "stop, resume later"
	if !resumes {
		stop = "stop here"
	}
	return keyMap{
		Quit:     key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Enter:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "continue")),
		Next:     key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab", "next field")),
		Prev:     key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab", "previous")),
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "space", "f"), key.WithHelp("space", "page down")),
		Accept:   key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "accept")),
		Decline:  key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "decline")),
		Resend:   key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "send a new one")),
		Reveal:   key.NewBinding(key.WithKeys("ctrl+t"), key.WithHelp("ctrl+t", "show/hide")),
		Copy:     key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy link")),
		Open:     key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open in browser")),
		NewLink:  key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new link")),
		Login:    key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "log in")),
		NewPass:  key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "new password by SMS")),
		Stop:     key.NewBinding(key.WithKeys("q"), key.WithHelp("q", stop)),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}

// helpKeys is a help.KeyMap over a screen's bindings plus quit.
type helpKeys []key.Binding

// ShortHelp implements help.KeyMap.
func (h helpKeys) ShortHelp() []key.Binding { return h }

// FullHelp implements help.KeyMap.
func (h helpKeys) FullHelp() [][]key.Binding { return [][]key.Binding{h} }
