package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/onboard-cli/onboard/api"
)

// statusFilter is one of the search view's status filters, those of LinkCy's
// partner back office (Sources, in docs/ARCHITECTURE.md); values[0] is ""
// (any), at the one chosen.
type statusFilter struct {
	label  string
	values []string
	at     int
}

func (f statusFilter) value() string { return f.values[f.at] }

// agentFilters are the search's filters, in the order tab visits them.
func agentFilters() []statusFilter {
	kyc := []string{""}
	for _, s := range []api.KYCStatus{api.KYCNotStarted, api.KYCCreated, api.KYCProcessing, api.KYCPendingReview,
		api.KYCApproved, api.KYCDeclined, api.KYCAborted} {
		kyc = append(kyc, string(s))
	}
	return []statusFilter{
		{label: "KYC", values: kyc},
		{label: "Overall", values: []string{"", "ACTIVE", "INACTIVE"}},
		{label: "Banking", values: []string{"", "VALIDATED", "PENDING", "MISSING_DATA", "BLOCKED", "NOT_CREATED"}},
		{label: "LinkCy", values: []string{"", "VALIDATED", "PENDING", "MISSING_DATA", "FORBIDDEN", "CLOSING"}},
		{label: "Compliance", values: []string{"", "VALIDATED", "PENDING", "PENDING_REVIEW", "DECLINED"}},
		{label: "Suspension", values: []string{"", "NOT_SUSPENDED", "SUSPENDED"}},
	}
}

// applyFilters puts the chosen filters into s.
func (p *searchPage) applyFilters(s *api.Search) {
	f := p.filters
	s.KYC, s.Overall, s.Banking = api.KYCStatus(f[0].value()), f[1].value(), f[2].value()
	s.LinkCy, s.Compliance, s.Suspension = f[3].value(), f[4].value(), f[5].value()
}

// filterKey handles tab (the next field: the words, then each filter)
// and ←/→ (the focused filter's value) in the search view.
func (p *searchPage) filterKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	n, k := len(p.filters)+1, p.a.k
	switch {
	case key.Matches(msg, k.filter):
		p.focus = (p.focus + 1) % n
	case key.Matches(msg, k.filterBack):
		p.focus = (p.focus + n - 1) % n
	case p.focus > 0 && key.Matches(msg, k.next):
		f := &p.filters[p.focus-1]
		f.at = (f.at + 1) % len(f.values)
		return nil, true
	case p.focus > 0 && key.Matches(msg, k.prev):
		f := &p.filters[p.focus-1]
		f.at = (f.at + len(f.values) - 1) % len(f.values)
		return nil, true
	default:
		return nil, false
	}
	if p.focus == 0 {
		return p.query.Focus(), true
	}
	p.query.Blur()
	return nil, true
}

// filterLines are the filters as the search view shows them.
func (p *searchPage) filterLines() []string {
	s := p.a.c.styles
	var out []string
	for i, f := range p.filters {
		v := f.value()
		if v == "" {
			v = "any"
		}
		label := s.Label.Render("  " + f.label)
		if p.focus == i+1 {
			label = s.Focused.Render("› " + f.label)
			v = "‹ " + v + " ›"
		}
		out = append(out, field(label, s.Value.Render(v), p.a.winW))
	}
	return out
}

// filterWords says the chosen filters, for the results' title.
func (p *searchPage) filterWords() string {
	var out string
	for _, f := range p.filters {
		if v := f.value(); v != "" {
			out += ", " + f.label + " " + v
		}
	}
	return out
}
