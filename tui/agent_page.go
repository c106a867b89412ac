package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// agentPage is one of the console's views, each a model of its own:
// the search, the results table, a consumer's detail, a fresh KYC link
// and the new-consumer form. The console keeps what they share (the
// results, the consumer on show, the banner) and routes to the page on
// show.
type agentPage interface {
	// key takes a key press the page owns; false passes it to update.
	key(msg tea.KeyPressMsg) (tea.Cmd, bool)
	// update passes any other message to the page's focused widget.
	update(msg tea.Msg) tea.Cmd
	// body draws the page between the header and the banner.
	body() string
	// keys are the page's bindings, for the help line.
	keys() []key.Binding
}

// showSearch puts the search on show, its words focused.
func (a *Agent) showSearch() tea.Cmd {
	a.at = a.search
	return a.search.query.Focus()
}

// showList puts the results on show.
func (a *Agent) showList() {
	a.at = a.list
	a.search.query.Blur()
}

// showDetail puts the consumer on show and reads it afresh.
func (a *Agent) showDetail() tea.Cmd {
	a.at, a.banner = a.detail, ""
	return a.find()
}

// openCreate puts an empty new-consumer form on show.
func (a *Agent) openCreate() tea.Cmd {
	a.search.query.Blur()
	a.create.form, a.at, a.banner = newCreateForm(a.c), a.create, ""
	return a.create.form.focus()
}

// arrowsKey is the help line's ←/→ binding, saying what the arrows do on
// a page (turn the results' pages, change a filter).
func arrowsKey(what string) key.Binding {
	return key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", what))
}

// widget is a bubble whose Update gives the bubble back: a table, a text
// input.
type widget[M any] interface {
	Update(tea.Msg) (M, tea.Cmd)
}

// passTo gives msg to the page's focused widget *m, keeping what it
// becomes: the update of a page that is one widget.
func passTo[M widget[M]](m *M, msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	*m, cmd = (*m).Update(msg)
	return cmd
}
