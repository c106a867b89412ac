package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/table"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// listPage is the console's results: a page of consumers in a table.
type listPage struct {
	a     *Agent
	table table.Model
}

func newListPage(a *Agent) *listPage {
	p := &listPage{a: a, table: table.New(table.WithFocused(true))}
	p.setColumns(80) // rows may come before the window's size
	return p
}

func (p *listPage) key(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	a, k, res := p.a, p.a.k, p.a.results
	switch {
	case key.Matches(msg, k.open):
		if i := p.table.Cursor(); i >= 0 && i < len(res.Consumers) {
			a.cur = res.Consumers[i]
			return a.showDetail(), true
		}
	case key.Matches(msg, k.next):
		if res.Page+1 < res.Pages() {
			return a.runSearch("search", res.Page+1), true
		}
	case key.Matches(msg, k.prev):
		if res.Page > 0 {
			return a.runSearch("search", res.Page-1), true
		}
	case key.Matches(msg, k.newSearch), key.Matches(msg, k.back):
		return a.showSearch(), true
	case key.Matches(msg, k.create):
		return a.openCreate(), true
	default:
		return nil, false
	}
	return nil, true
}

func (p *listPage) update(msg tea.Msg) tea.Cmd { return passTo(&p.table, msg) }

func (p *listPage) keys() []key.Binding {
	k := p.a.k
	out := []key.Binding{k.open}
	if p.a.results.Pages() > 1 {
		out = append(out, arrowsKey("pages"))
	}
	return append(out, k.newSearch, k.create)
}

func (p *listPage) body() string {
	a := p.a
	s := a.c.styles
	what := "All consumers"
	switch q := a.asked; {
	case q.Email != "":
		what = "Email " + q.Email
	case q.Phone != "":
		what = "Phone " + q.Phone
	case q.LastName != "":
		what = "“" + q.LastName + "”"
	}
	what += a.search.filterWords()
	count := fmt.Sprintf("%d found", a.results.Total)
	if a.results.Pages() > 1 {
		count += fmt.Sprintf(" · page %d of %d", a.results.Page+1, a.results.Pages())
	}
	return s.Title.Render(what) + s.Muted.Render("  "+count) + "\n\n" + p.table.View()
}

// show puts the current results in the table, the cursor on the first.
func (p *listPage) show() {
	var rows []table.Row
	for _, c := range p.a.results.Consumers {
		name := strings.TrimSpace(c.FirstName + " " + c.LastName)
		overall := ""
		for _, s := range c.Statuses {
			if s.Name == "overall" {
				overall = s.Value
			}
		}
		rows = append(rows, table.Row{name, c.Phone, c.Email, string(c.KYC), overall})
	}
	p.table.SetRows(rows)
	p.table.SetCursor(0)
}

// resize fits the table to a window of w×h.
func (p *listPage) resize(w, h int) {
	p.setColumns(w)
	p.table.SetHeight(max(3, min(p.a.o.PageSize+1, h-9)))
}

// setColumns fits the table's columns to width w: the name and email
// share what the fixed columns leave.
func (p *listPage) setColumns(w int) {
	rest := max(20, w-(13+14+8)-10-2)
	p.table.SetColumns([]table.Column{{Title: "Name", Width: rest / 2}, {Title: "Phone", Width: 13},
		{Title: "Email", Width: rest - rest/2}, {Title: "KYC", Width: 14}, {Title: "Overall", Width: 8}})
	p.table.SetWidth(w)
}

// restyle paints the table with the current styles.
func (p *listPage) restyle() {
	s := p.a.c.styles
	ts := table.DefaultStyles()
	ts.Header = ts.Header.Foreground(s.Muted.GetForeground()).Bold(true)
	// Cells keep the terminal's colour: a colour of their own would win
	// over the selected row's, which paints the whole line.
	onAccent := lipgloss.LightDark(s.IsDark())(lipgloss.Color("#FFFFFF"), lipgloss.Color("#1F1F24"))
	ts.Selected = ts.Selected.Foreground(onAccent).Background(s.Accent.GetForeground()).Bold(true)
	p.table.SetStyles(ts)
}
