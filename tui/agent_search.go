package tui

import (
	"context"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
)

// searchPage is the console's search: the words and the status filters.
type searchPage struct {
	a     *Agent
	query textinput.Model
	// filters are LinkCy's back-office status filters; focus is the
	// field: 0 the words, i the filter i-1.
	filters []statusFilter
	focus   int
}

func newSearchPage(a *Agent) *searchPage {
	return &searchPage{a: a, filters: agentFilters(),
		query: newInput(a.c, "phone, email, external id or last name; empty for all", 56)}
}

func (p *searchPage) key(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if cmd, ok := p.filterKey(msg); ok {
		return cmd, true
	}
	a, k := p.a, p.a.k
	switch {
	case key.Matches(msg, k.search):
		return a.runSearch("search", 0), true
	case key.Matches(msg, k.create):
		return a.openCreate(), true
	case key.Matches(msg, k.back) && len(a.results.Consumers) > 0:
		a.showList()
		return nil, true
	}
	return nil, false
}

func (p *searchPage) update(msg tea.Msg) tea.Cmd { return passTo(&p.query, msg) }

func (p *searchPage) keys() []key.Binding {
	k := p.a.k
	out := []key.Binding{k.search, k.filter}
	if p.focus > 0 {
		out = append(out, arrowsKey("change"))
	}
	out = append(out, k.create)
	if len(p.a.results.Consumers) > 0 {
		out = append(out, key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "results")))
	}
	return out
}

func (p *searchPage) body() string {
	s, w := p.a.c.styles, p.a.winW
	label := s.Focused.Render("› Search")
	if p.focus != 0 {
		label = s.Label.Render("  Search")
	}
	lines := []string{s.Title.Render("Find a consumer"), "", field(label, p.query.View(), w), ""}
	lines = append(lines, p.filterLines()...)
	lines = append(lines, "", s.Muted.Render("A phone number finds it in any form; words are a last name or your external id."))
	return strings.Join(lines, "\n")
}

// runSearch searches for what the search page says, at page: op "search"
// shows the results, "preload" (at start) only keeps them for esc.
func (a *Agent) runSearch(op string, page int) tea.Cmd {
	s, ext := searchFor(a.search.query.Value(), a.o.Region, a.o.Codes)
	a.search.applyFilters(&s)
	s.Page, s.PageSize = page, a.o.PageSize
	a.asked = s
	dir := a.o.Dir
	return a.call(op, "Searching…", func(ctx context.Context) agentResult {
		p, err := dir.Search(ctx, s)
		if err == nil && ext != "" && page == 0 {
			// The words may be the partner's own id for a consumer.
			if snap, ferr := dir.Find(ctx, api.Lookup{ExternalID: ext}); ferr == nil && s.Keeps(snap) {
				others := slices.DeleteFunc(p.Consumers, func(c api.Snapshot) bool { return c.ConsumerID == snap.ConsumerID })
				p.Consumers = append([]api.Snapshot{snap}, others...)
				p.Total++
			}
		}
		return agentResult{page: p, err: err}
	})
}

// searchFor reads what an agent typed: an email, a phone number (in any
// written form), or else a last name that may also be an external id.
func searchFor(text, region string, codes []string) (s api.Search, externalID string) {
	text = strings.TrimSpace(text)
	switch {
	case text == "":
	case strings.Contains(text, "@"):
		s.Email = text
	case strings.Trim(text, "+0123456789 .-()") == "":
		if p, err := flow.ParsePhone(text, region, codes); err == nil {
			s.Phone = p.Phone.E164()
		} else {
			s.Phone = text
		}
	default:
		s.LastName, externalID = text, text
	}
	return s, externalID
}
