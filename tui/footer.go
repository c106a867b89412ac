package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// The footer's short help never ends cut with "…": it shows as many of a
// screen's keys as fit, in their order, and the keys that must be in
// reach (the full help, quit); where not even the key that moves on fits
// beside them, it comes first and they go (fitKeys). ? shows every key of the screen in
// place of its body, and hides them again; on a screen where ? can be
// typed into a field (a password), f1 does it.

// typist is a screen with a text field in focus, where ? is a character.
type typist interface{ typing() bool }

// typingIn reports whether sc has a text field in focus.
func typingIn(sc screen) bool {
	t, ok := sc.(typist)
	return ok && t.typing()
}

// moreKey is the binding that shows every key: ? or, while a field takes
// characters, f1.
func moreKey(c *common, typing bool) key.Binding {
	if typing {
		return key.NewBinding(key.WithKeys("f1"), key.WithHelp("f1", c.T("all keys")))
	}
	return key.NewBinding(key.WithKeys("?", "f1"), key.WithHelp("?", c.T("all keys")))
}

// fitKeys is keys, as many of them as fit in width beside fixed, then
// fixed. When not even the first fits beside them (a narrow window, a
// language with long words), the first key, the one that moves on, comes
// before the reminders: fixed are dropped from the end (quit, then the
// full help) until it fits.
func fitKeys(h help.Model, keys, fixed []key.Binding, width int) []key.Binding {
	h.SetWidth(0) // measured whole: never cut with "…"
	fits := func(list []key.Binding) bool { return lipgloss.Width(h.ShortHelpView(list)) <= width }
	for n := len(keys); n > 0; n-- {
		if list := append(append([]key.Binding{}, keys[:n]...), fixed...); fits(list) {
			return list
		}
	}
	for m := len(fixed) - 1; len(keys) > 0 && m >= 0; m-- {
		if list := append([]key.Binding{keys[0]}, fixed[:m]...); fits(list) {
			return list
		}
	}
	return fixed
}

// footer is the short help line of keys at width, with fixed at its end.
func footer(h help.Model, keys, fixed []key.Binding, width int) string {
	shown := fitKeys(h, keys, fixed, width)
	h.SetWidth(0)
	return h.ShortHelpView(shown)
}

// helpKey takes the keys of the full help: ? (f1 while typing) shows or
// hides it, esc hides it. Any other key hides it and goes on to the
// screen. It reports whether the key was the full help's own.
func (a *App) helpKey(msg tea.KeyPressMsg) bool {
	return toggleHelp(&a.fullHelp, msg, moreKey(a.c, typingIn(a.screen)))
}

// toggleHelp is what a full help does with a key, the wizard's and the
// agent console's alike: more shows or hides it, esc and ? hide it (as it
// says; a ? is not typed into the field behind it), any other key hides
// it and goes on. It reports whether the key was the help's own.
func toggleHelp(shown *bool, msg tea.KeyPressMsg, more key.Binding) bool {
	switch {
	case key.Matches(msg, more):
		*shown = !*shown
		return true
	case *shown && (msg.String() == "esc" || msg.String() == "?"):
		*shown = false
		return true
	}
	*shown = false
	return false
}

// fullHelpView lists every key of the screen with what it does, in place
// of the screen's body.
func (a *App) fullHelpView(keys []key.Binding) string { return fullHelpView(a.c, keys) }

// fullHelpView lists keys with what each does, for the wizard's screens
// and the agent console's pages alike.
func fullHelpView(c *common, keys []key.Binding) string {
	st := c.styles
	col := 0
	for _, k := range keys {
		col = max(col, lipgloss.Width(k.Help().Key))
	}
	lines := []string{st.Title.Render(c.T("Keys")), ""}
	for _, k := range keys {
		pad := strings.Repeat(" ", col-lipgloss.Width(k.Help().Key)+2)
		lines = append(lines, "  "+st.Value.Render(k.Help().Key)+pad+st.Text.Render(k.Help().Desc))
	}
	lines = append(lines, "", st.Muted.Render(c.T("Press ? or esc to go back.")))
	return strings.Join(lines, "\n")
}

// typing implements typist: each field of these screens takes any
// character, ? too, while it is in focus.
func (s *registerScreen) typing() bool { return true }

func (s *credentialsScreen) typing() bool {
	return s.secret.Focused() || s.pw.Focused() || s.confirm.Focused()
}

func (s *loginScreen) typing() bool { return s.pw.Focused() }

func (s *emailScreen) typing() bool { return s.in.Focused() }

func (s *changeScreen) typing() bool {
	return !s.sca.waiting && !s.sending && (s.number.Focused() || s.email.Focused())
}

func (s *orgActivateScreen) typing() bool { return s.reason.Focused() }

// typing reports whether the form's focused field takes characters (a
// choice does not).
func (f *orgForm) typing() bool {
	return f.focus >= 0 && f.focus < len(f.fields) && f.fields[f.focus].choices == nil
}

func (s *companyScreen) typing() bool { return s.form.typing() }

func (s *personnelScreen) typing() bool { return s.edit != nil && s.edit.form.typing() }

// typing reports whether the agent console's page on show takes
// characters (its search or its new-consumer form), where ? is one.
func (a *Agent) typing() bool {
	switch a.at.(type) {
	case *searchPage, *createPage:
		return true
	}
	return false
}

// helpKey is App.helpKey for the agent console.
func (a *Agent) helpKey(msg tea.KeyPressMsg) bool {
	return toggleHelp(&a.fullHelp, msg, moreKey(a.c, a.typing()))
}
