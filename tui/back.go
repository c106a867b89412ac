package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/onboard-cli/onboard/flow"
)

// The back key: esc on every screen, and shift+tab where no field of the
// screen uses it, goes to the previous step the person can still change,
// as flow.BackFrom decides; where there is none, the banner says why.

// backUser is a screen that uses esc or shift+tab itself at the moment
// (a second field, a way back inside the screen). A screen that is not one
// gives esc to the back key and keeps shift+tab.
type backUser interface {
	usesBack(msg tea.KeyPressMsg) bool
}

// isBackKey reports whether msg is the back key on the current screen.
func (a *App) isBackKey(msg tea.KeyPressMsg) bool {
	if a.screen == nil || a.step == flow.StepDone {
		return false
	}
	k := msg.String()
	if k != "esc" && k != "shift+tab" {
		return false
	}
	if u, ok := a.screen.(backUser); ok {
		return !u.usesBack(msg)
	}
	return k == "esc"
}

// back is where the back key leads from the current step.
func (a *App) back() flow.Back {
	return flow.BackFrom(a.c.opts.Plan, a.c.st, a.step, a.c.opts.Engine.P)
}

// goBack takes the back key: to an earlier step, to the change of a
// registered number or address, or nowhere with the reason in the banner.
func (a *App) goBack() tea.Cmd {
	b := a.back()
	if !b.OK() {
		a.banner, a.bannerOK = b.Why, false
		return nil
	}
	if b.Change {
		a.c.supersede()
		a.banner, a.retrying = "", nil
		a.screen = newChangeScreen(a.c)
		a.layout()
		return a.screen.Init()
	}
	a.c.st = flow.GoBack(a.c.st, b)
	return a.enter(b.To)
}

// backKey is the back key for the help line, when it leads somewhere.
func (a *App) backKey() (key.Binding, bool) {
	if a.screen == nil || a.step == flow.StepDone {
		return key.Binding{}, false
	}
	if _, changing := a.screen.(*changeScreen); changing {
		return key.Binding{}, false // the change screen's esc is its own
	}
	if u, ok := a.screen.(backUser); ok && u.usesBack(tea.KeyPressMsg{Code: tea.KeyEscape}) {
		return key.Binding{}, false
	}
	if !a.back().OK() {
		return key.Binding{}, false
	}
	return a.c.keys.Back, true
}

// usesBack implements backUser: the SMS secret alone leaves esc and
// shift+tab to the back key; the password fields use both.
func (s *credentialsScreen) usesBack(tea.KeyPressMsg) bool { return s.stage != stageSecret }

// usesBack implements backUser: the code is the screen's only field.
func (s *codeScreen) usesBack(tea.KeyPressMsg) bool { return false }

// usesBack implements backUser: shift+tab moves between the fields, and
// esc leaves the "already registered" choice and the country picker.
func (s *registerScreen) usesBack(msg tea.KeyPressMsg) bool {
	return msg.String() == "shift+tab" || s.taken || s.focus == fieldCountry
}

// usesBack implements backUser: esc takes back a decline.
func (s *termsScreen) usesBack(msg tea.KeyPressMsg) bool {
	return msg.String() == "shift+tab" || s.declined
}

// usesBack implements backUser: while the link waits, esc changes the
// address; while the change of address waits for the bank's approval, it
// cancels the change.
func (s *emailScreen) usesBack(msg tea.KeyPressMsg) bool {
	return msg.String() == "shift+tab" || s.waiting || s.sca.waiting
}

// usesBack implements backUser: the file picker keeps its own keys.
func (s *kycScreen) usesBack(msg tea.KeyPressMsg) bool {
	return msg.String() == "shift+tab" || s.docs.form != nil
}

// usesBack implements backUser: a handover waits for the right person's
// key; nothing goes back from it.
func (s *handoverScreen) usesBack(tea.KeyPressMsg) bool { return true }

// ownPhone is the person's number as their own screen shows it: in full,
// where a typo can be seen; masked only when an agent's console shows the
// run (Options.Assisted).
func (c *common) ownPhone() string {
	if c.opts.Assisted {
		return flow.MaskPhone(flow.FormatPhone(c.st.Phone))
	}
	return flow.FormatPhone(c.st.Phone)
}

// usesBack implements backUser: while a person is edited, esc cancels
// the edit and shift+tab moves between its fields.
func (s *personnelScreen) usesBack(tea.KeyPressMsg) bool { return s.edit != nil }
