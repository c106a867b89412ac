package tui

import (
	"charm.land/bubbles/v2/key"

	"github.com/onboard-cli/onboard/internal/i18n"
)

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
func defaultKeys(resumes bool, tr i18n.Printer) keyMap {
	stop := tr.T("stop, resume later")
	if !resumes {
		stop = tr.T("stop here")
	}
	return keyMap{
		Quit:     key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", tr.T("quit"))),
		Enter:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", tr.T("continue"))),
		Next:     key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab", tr.T("next field"))),
		Prev:     key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab", tr.T("previous"))),
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", tr.T("up"))),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", tr.T("down"))),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup", tr.T("page up"))),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "space", "f"), key.WithHelp("space", tr.T("page down"))),
		Accept:   key.NewBinding(key.WithKeys("a"), key.WithHelp("a", tr.T("accept"))),
		Decline:  key.NewBinding(key.WithKeys("d"), key.WithHelp("d", tr.T("decline"))),
		Resend:   key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", tr.T("send a new one"))),
		Reveal:   key.NewBinding(key.WithKeys("ctrl+t"), key.WithHelp("ctrl+t", tr.T("show/hide"))),
		Copy:     key.NewBinding(key.WithKeys("c"), key.WithHelp("c", tr.T("copy link"))),
		Open:     key.NewBinding(key.WithKeys("o"), key.WithHelp("o", tr.T("open in browser"))),
		NewLink:  key.NewBinding(key.WithKeys("n"), key.WithHelp("n", tr.T("new link"))),
		Login:    key.NewBinding(key.WithKeys("l"), key.WithHelp("l", tr.T("log in"))),
		NewPass:  key.NewBinding(key.WithKeys("s"), key.WithHelp("s", tr.T("new password by SMS"))),
		Stop:     key.NewBinding(key.WithKeys("q"), key.WithHelp("q", stop)),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", tr.T("back"))),
	}
}

// helpKeys is a help.KeyMap over a screen's bindings plus quit.
type helpKeys []key.Binding

// named is h with each key's name in the person's language ("Entrée"
// for enter in French); the screens name keys as Bubble Tea does.
func (h helpKeys) named(tr i18n.Printer) helpKeys {
	out := make(helpKeys, len(h))
	for i, b := range h {
		b.SetHelp(tr.Key(b.Help().Key), b.Help().Desc)
		out[i] = b
	}
	return out
}

// ShortHelp implements help.KeyMap.
func (h helpKeys) ShortHelp() []key.Binding { return h }

// FullHelp implements help.KeyMap.
func (h helpKeys) FullHelp() [][]key.Binding { return [][]key.Binding{h} }
