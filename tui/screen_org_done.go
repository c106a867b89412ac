package tui

import (
	"context"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/wrap"
)

// orgScreen is the screen of an organisation's step, nil for any other.
func orgScreen(c *common, step flow.Step) screen {
	switch step {
	case flow.StepCompany:
		return newCompanyScreen(c)
	case flow.StepPersonnel:
		return newPersonnelScreen(c)
	case flow.StepKYBDocuments:
		return newKYBDocsScreen(c)
	case flow.StepKYBReview:
		return newKYBReviewScreen(c)
	case flow.StepOrgConsents:
		return newOrgConsentsScreen(c)
	case flow.StepOrgActivate:
		return newOrgActivateScreen(c)
	case flow.StepDone:
		if c.st.Org.ID != "" {
			return newOrgDoneScreen(c)
		}
	}
	return nil
}

// orgDoneScreen is the end of an organisation's onboarding: the company,
// its people and their roles, the verification, the consents, and how
// each person gets their own access. It shows no credential.
type orgDoneScreen struct{ c *common }

func newOrgDoneScreen(c *common) *orgDoneScreen { return &orgDoneScreen{c: c} }

func (s *orgDoneScreen) Label() string { return "" }

// Init reads the organisation once when the state does not hold the
// provider's word on its account (a run resumed after the activation), so
// that the title says what flow.Onboarded says.
func (s *orgDoneScreen) Init() tea.Cmd {
	if s.c.st.Account() != api.AccountUnknown {
		return nil
	}
	eng := s.c.opts.Engine
	return s.c.run("status", func(ctx context.Context, st flow.State) (flow.State, error) {
		st, _, err := eng.OrganizationStatus(ctx, st)
		return st, err
	})
}

func (s *orgDoneScreen) Update(msg tea.Msg) (screen, tea.Cmd) { return s, finishOn(s.c, msg) }

func (s *orgDoneScreen) Keys() []key.Binding { return finishKeys(s.c) }

func (s *orgDoneScreen) View() string {
	st := s.c.styles
	x := s.c.st
	w := max(20, s.c.width-2)
	mark := func(ok bool) string {
		if ok {
			return st.Good.Render("✓ ")
		}
		return st.Warn.Render("• ")
	}
	name := api.SanitizeLine(x.Organization.Company.LegalName)
	title := s.c.F("%s is a customer of the bank", name)
	if !flow.Onboarded(s.c.opts.Plan, x, s.c.now()) {
		title = s.c.F("%s is registered; its account is not active yet", name)
	}
	lines := []string{st.Title.Render(title), "",
		mark(x.Org.ID != "") + st.Label.Render(s.c.T("Company id")) + st.Text.Render(api.SanitizeLine(x.Org.ID)),
		mark(x.Org.KYB.Status == api.KYCApproved || x.Org.Activated) + st.Label.Render(s.c.T("KYB")) + st.Text.Render(s.c.T(kybStatusText(x.Org.KYB.Status))),
		mark(len(x.Org.Consents) >= len(flow.ConsentTypes())) + st.Label.Render(s.c.T("Consents")) + st.Text.Render(s.c.F("%d of %d accepted", len(x.Org.Consents), len(flow.ConsentTypes()))),
		"", st.Muted.Render(s.c.T("Its people:"))}
	for i, m := range x.Organization.Members() {
		if i == 5 {
			lines = append(lines, st.Muted.Render(s.c.F("  … and %d more", len(x.Organization.Members())-5)))
			break
		}
		_, added := x.Org.AddedAs(flow.PersonKey(m.API()))
		lines = append(lines, truncate(mark(added)+st.Text.Render(api.SanitizeLine(m.Name()))+st.Muted.Render(" · "+roleList(s.c, m)), s.c.width))
	}
	// At spaces only, never inside a word (internal/wrap), as the person's last screen.
	// Only employees are FinHub users: a director or a shareholder alone
	// has no login, and a lone admin has no one else's to ask for.
	logins := s.c.T(loginsAlone)
	if len(x.Organization.Employees) > 1 {
		logins = s.c.T(loginsOthers)
	}
	lines = append(lines, "", st.Text.Render(wrap.Words(logins, w)))
	if lipgloss.Height(strings.Join(lines, "\n")) > s.c.height {
		lines = slices.DeleteFunc(lines, func(l string) bool { return l == "" }) // a small window: no blank lines
	}
	return lipgloss.JoinVertical(lipgloss.Left, lines...)
}

// What the company's last screen says of logins: the admin's alone, or
// with the other employees' (constants, so that the French catalogue's
// test sees them).
const (
	loginsAlone  = "You log in with the password you chose."
	loginsOthers = "You log in with the password you chose. Every other employee added has a login of their own: FinHub made one for each and gave its password to onboard once, which neither kept nor showed it. Each of them gets their access from the bank, which resets their login (FinHub's \"reset user login\") and sends it to them: ask the bank, naming them by email address."
)
