package tui

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/wrap"
)

// The company form's fields, in tab order: the company on the left, its
// registered office and the person at the keyboard (its first admin) on
// the right.
const (
	coLegalName = iota
	coRegNumber
	coLegalForm
	coCountry
	coIncorporated
	coEmail
	coPhone
	coStreet
	coCity
	coPostal
	coAddrCountry
	coFirst
	coLast
	coYourEmail
	coPassword
	coConfirm
	coLeftRows = coStreet // the fields in the left column
)

// companyScreen is the company step: the company's details and its first
// admin's login in one form, each field checked as typed by flow's rules,
// then FinHub's organisation registration.
type companyScreen struct {
	c    *common
	form orgForm
}

func newCompanyScreen(c *common) *companyScreen {
	s := &companyScreen{c: c, form: orgForm{c: c}}
	co, now := c.st.Organization.Company, c.now()
	if es := c.st.Organization.Employees; c.st.Email == "" && len(es) > 0 { // an --organization file: its admin types
		c.st.FirstName, c.st.LastName, c.st.Email = es[0].FirstName, es[0].LastName, es[0].Email
	}
	f := &s.form
	f.add("Legal name", "e.g. Acme Ltd", co.LegalName, 22, func(v string) error {
		return firstErr(flow.CompanyProblems(flow.Company{LegalName: v}, now), "company.legalName")
	})
	f.add("Registration", "e.g. RCS 852 146 379", co.RegistrationNumber, 22, flow.ValidateRegistrationNumber)
	f.addChoice("Legal form", flow.LegalForms(), co.LegalForm)
	f.add("Country", "e.g. FR", co.Country, 8, flow.ValidateCountry)
	f.add("Incorporated", "e.g. 2015-03-20", co.IncorporationDate, 12, func(v string) error { return flow.ValidateIncorporation(v, now) })
	f.add("Email", "e.g. hello@acme.example", co.Email, 22, flow.ValidateEmail)
	f.add("Phone", "e.g. +442071234567", co.Phone, 22, flow.ValidateIntlPhone)
	f.add("Street", "e.g. 1 High Street", co.Address.Street, 22, func(v string) error {
		return firstErr(flow.CompanyProblems(flow.Company{Address: flow.Address{Street: v}}, now), "company.address.street")
	})
	f.add("City", "e.g. Lyon", co.Address.City, 22, func(v string) error {
		return firstErr(flow.CompanyProblems(flow.Company{Address: flow.Address{City: v}}, now), "company.address.city")
	})
	f.add("Postal code", "e.g. 69002", co.Address.PostalCode, 12, func(v string) error {
		return firstErr(flow.CompanyProblems(flow.Company{Address: flow.Address{PostalCode: v}}, now), "company.address.postalCode")
	})
	office := f.add("Country", "e.g. FR", co.Address.Country, 8, flow.ValidateCountry)
	f.fields[office].named = c.T("Registered office's country")
	f.add("First name", "e.g. Ada", c.st.FirstName, 22, func(v string) error {
		return firstErr(flow.PersonProblems(flow.Person{FirstName: v}, "p", now), "p.firstName")
	})
	f.add("Last name", "e.g. Lovelace", c.st.LastName, 22, func(v string) error {
		return firstErr(flow.PersonProblems(flow.Person{LastName: v}, "p", now), "p.lastName")
	})
	f.add("Your email", "e.g. ada@acme.example", c.st.Email, 22, flow.ValidateEmail)
	f.add("Password", "8 characters or more", "", 22, func(v string) error { return flow.ValidatePassword(v, v, api.Phone{}) })
	f.add("Again", "", "", 22, func(v string) error {
		return flow.ValidatePassword(s.form.fields[coPassword].in.Value(), s.form.fields[coConfirm].in.Value(), api.Phone{})
	})
	for _, i := range []int{coPassword, coConfirm} {
		f.fields[i].in = newSecretInput(c, 22)
	}
	f.fields[coPassword].in.Placeholder = c.T("8 characters or more")
	f.fields[0].in.Focus()
	if i := f.firstInvalid(); i > 0 && co.LegalName != "" { // a file gave the rest: start where it is missing
		f.move(i)
	}
	return s
}

// firstErr is the problem at path among ps, as an error.
func firstErr(ps flow.Problems, path string) error {
	for _, p := range ps {
		if p.Path == path {
			return p.Text()
		}
	}
	return nil
}

func (s *companyScreen) Label() string { return flow.Label(flow.StepCompany, s.c.needs()) }

func (s *companyScreen) Init() tea.Cmd { return nil }

func (s *companyScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case opMsg:
		if msg.err == nil && s.c.st.Org.ID != "" {
			return s, advance
		}
	case tea.KeyPressMsg:
		if s.c.busy() {
			return s, nil
		}
		if key.Matches(msg, s.c.keys.Enter) {
			return s, s.submit()
		}
		s.form.update(msg)
	}
	return s, nil
}

// company is the company as typed.
func (s *companyScreen) company() flow.Company {
	v := s.form.value
	return flow.Company{LegalName: v(coLegalName), RegistrationNumber: v(coRegNumber), LegalForm: v(coLegalForm),
		Country: strings.ToUpper(v(coCountry)), IncorporationDate: v(coIncorporated), Email: v(coEmail), Phone: v(coPhone),
		Address: flow.Address{Street: v(coStreet), City: v(coCity), PostalCode: v(coPostal), Country: strings.ToUpper(v(coAddrCountry))}}
}

// submit registers the company once every field is right; otherwise the
// focus goes to the first field that is not, and every error shows.
func (s *companyScreen) submit() tea.Cmd {
	s.form.tried = true
	if i := s.form.firstInvalid(); i >= 0 {
		s.form.move(i)
		return nil
	}
	co := s.company()
	st := &s.c.st
	st.Organization.Company = co
	st.FirstName, st.LastName, st.Email = s.form.value(coFirst), s.form.value(coLast), s.form.value(coYourEmail)
	reg := api.OrgRegistration{Company: co.API(), FirstName: st.FirstName, LastName: st.LastName, Email: st.Email,
		Password: s.form.fields[coPassword].in.Value(), Category: st.Category}
	return s.c.run("register", func(ctx context.Context, st flow.State) (flow.State, error) {
		return s.c.opts.Engine.RegisterOrganization(ctx, st, reg)
	})
}

func (s *companyScreen) Keys() []key.Binding {
	k := s.c.keys
	// The key that moves on first: a narrow footer drops keys from the end.
	keys := []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", s.c.T("register the company"))), k.Next}
	if s.form.fields[s.form.focus].choices != nil {
		keys = append(keys, key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", s.c.T("choose"))))
	}
	return append(keys, k.Prev)
}

// colW is the width of each of the form's two columns.
func (s *companyScreen) colW() int { return max(30, s.c.width/2) }

// resize fits the inputs to their columns, beside labels as wide as the
// person's language makes them.
func (s *companyScreen) resize() {
	colW := s.colW()
	s.form.fit(0, coLeftRows-1, colW-1-s.form.labelWidth(0, coLeftRows-1))
	s.form.fit(coStreet, coConfirm, colW-1-s.form.labelWidth(coStreet, coConfirm))
}

func (s *companyScreen) View() string {
	st := s.c.styles
	colW := s.colW()
	leftW, rightW := s.form.labelWidth(0, coLeftRows-1), s.form.labelWidth(coStreet, coConfirm)
	heading := func(t string) string { // "Vous, son premier administrateur" takes two lines at 60 columns
		return st.Accent.Render(wrap.Words(t, colW-1))
	}
	left := []string{heading(s.c.T("The company"))}
	for i := range coLeftRows {
		left = append(left, s.form.row(i, leftW, colW-1))
	}
	right := []string{heading(s.c.T("Registered office"))}
	for i := coStreet; i <= coAddrCountry; i++ {
		right = append(right, s.form.row(i, rightW, colW-1))
	}
	right = append(right, heading(s.c.T("You, its first admin")))
	for i := coFirst; i <= coConfirm; i++ {
		right = append(right, s.form.row(i, rightW, colW-1))
	}
	lines := []string{st.Title.Render(s.c.T("Your company")),
		st.Muted.Width(s.c.width).Render(s.c.T("The bank registers the company with these, and you as its first admin.")), "",
		lipgloss.JoinHorizontal(lipgloss.Top, lipgloss.NewStyle().Width(colW).Render(strings.Join(left, "\n")), strings.Join(right, "\n")), ""}
	switch e := s.form.focusErr(); {
	case s.c.busy():
		lines = append(lines, st.Muted.Render(s.c.T("Registering the company…")))
	case e != "":
		said := e // errOf's, in the person's language already
		// Enter on an empty form marked 15 fields and named one: how many
		// the ✗ marks (the focused field shows › instead).
		wrong := s.form.wrong() // each field checked once for the count
		marked := wrong
		if s.form.errOf(s.form.focus) != "" {
			marked--
		}
		switch {
		case marked == 1 && wrong > 1:
			said += " " + s.c.T("1 more field is marked\u00a0✗; tab goes to it.")
		case marked > 1:
			said += " " + s.c.F("%d fields are marked\u00a0✗; tab goes through them.", marked)
		}
		said = st.Bad.Width(s.c.width).Render(said)
		if lipgloss.Height(strings.Join(lines, "\n"))+lipgloss.Height(said) > s.c.height {
			// Under the form it would be below the window (at 60×20):
			// enter seemed to do nothing. It takes the description's place.
			lines[1] = said
			break
		}
		lines = append(lines, said)
	}
	return strings.Join(lines, "\n")
}
