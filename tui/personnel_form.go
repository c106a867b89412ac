package tui

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/onboard-cli/onboard/flow"
)

// The person form's fields, in tab order.
const (
	pfFirst = iota
	pfLast
	pfEmail
	pfPhone
	pfBirth
	pfNationality
	pfAdmin // the roles, one yes/no field each (roleField)
	pfCompliance
	pfApprover
	pfDirector
	pfDirectorType
	pfShareholder
	pfShare
)

// roleField is the yes/no field of each role, in the form's order.
func roleField() []struct {
	role  flow.Role
	field int
} {
	return []struct {
		role  flow.Role
		field int
	}{{flow.RoleAdmin, pfAdmin}, {flow.RoleCompliance, pfCompliance}, {flow.RoleApprover, pfApprover},
		{flow.RoleDirector, pfDirector}, {flow.RoleShareholder, pfShareholder}}
}

// personForm adds or edits one person of the personnel: their details,
// their roles as yes/no fields, the director's type and the shareholder's
// share, each checked as typed.
type personForm struct {
	form orgForm
	// index is the member being edited, -1 for a new one.
	index int
}

func newPersonForm(c *common, m flow.Member, index int) *personForm {
	p := &personForm{form: orgForm{c: c}, index: index}
	f, now := &p.form, c.now()
	check := func(path string) func(string) error {
		return func(v string) error {
			var pr flow.Person
			switch path {
			case "firstName":
				pr.FirstName = v
			case "lastName":
				pr.LastName = v
			}
			return firstErr(flow.PersonProblems(pr, "p", now), "p."+path)
		}
	}
	f.add("First name", "e.g. Ada", m.FirstName, 24, check("firstName"))
	f.add("Last name", "e.g. Lovelace", m.LastName, 24, check("lastName"))
	f.add("Email", "e.g. ada@acme.example", m.Email, 30, flow.ValidateEmail)
	f.add("Phone", "optional, e.g. +33612345678", m.Phone, 30, func(v string) error {
		if v == "" {
			return nil
		}
		return flow.ValidateIntlPhone(v)
	})
	f.add("Born on", "e.g. 1980-05-15", m.DateOfBirth, 12, func(v string) error { return flow.ValidatePersonBirth(v, now) })
	f.add("Nationality", "e.g. FR", m.Nationality, 8, flow.ValidateCountry)
	yesNo := func(r flow.Role) {
		yes := "no"
		if m.Has(r) {
			yes = "yes"
		}
		f.addChoice(roleLabel(r), []string{"no", "yes"}, yes)
	}
	for _, r := range []flow.Role{flow.RoleAdmin, flow.RoleCompliance, flow.RoleApprover, flow.RoleDirector} {
		yesNo(r)
	}
	f.addChoice("Director type", flow.DirectorTypes(), m.DirectorType)
	yesNo(flow.RoleShareholder)
	share := ""
	if m.Has(flow.RoleShareholder) {
		share = strconv.FormatFloat(m.Share, 'f', -1, 64)
	}
	f.add("Share (%)", "e.g. 60", share, 8, func(v string) error {
		if f.value(pfShareholder) != "yes" {
			return nil
		}
		_, err := parseShare(v)
		return err
	})
	f.fields[pfNationality].check = func(v string) error { return flow.ValidateCountry(strings.ToUpper(v)) }
	f.fields[0].in.Focus()
	return p
}

// roleLabel is a role as the form and the table name it.
func roleLabel(r flow.Role) string {
	switch r {
	case flow.RoleAdmin:
		return "Admin"
	case flow.RoleCompliance:
		return "Compliance"
	case flow.RoleApprover:
		return "Approver"
	case flow.RoleDirector:
		return "Director"
	}
	return "Shareholder"
}

// parseShare reads a share typed as 60, 33.34 or 33,34 (with or
// without %).
func parseShare(v string) (float64, error) {
	v = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "%"))
	if v == "" {
		return 0, flow.Say("type the share in percent, e.g. 60")
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(v, ",", "."), 64)
	if err != nil {
		return 0, flow.Say("type the share as a number, e.g. 60 or 33.34")
	}
	return f, flow.ValidateShare(f)
}

// member is the person as typed, and why they cannot be saved yet: a
// field that is wrong, or no role.
func (p *personForm) member() (flow.Member, error) {
	f := &p.form
	v := f.value
	m := flow.Member{Person: flow.Person{FirstName: v(pfFirst), LastName: v(pfLast), Email: v(pfEmail), Phone: v(pfPhone),
		DateOfBirth: v(pfBirth), Nationality: strings.ToUpper(v(pfNationality))}}
	for _, rf := range roleField() {
		if v(rf.field) == "yes" {
			m.Roles = append(m.Roles, rf.role)
		}
	}
	if m.Has(flow.RoleDirector) {
		m.DirectorType = v(pfDirectorType)
	}
	if m.Has(flow.RoleShareholder) {
		m.Share, _ = parseShare(v(pfShare))
	}
	f.tried = true
	if i := f.firstInvalid(); i >= 0 {
		f.move(i)
		return m, errors.New(f.errOf(i))
	}
	if len(m.Roles) == 0 {
		f.move(pfAdmin)
		return m, flow.Say("give the person a role: an employee's, director or shareholder")
	}
	return m, nil
}

// rows are the fields to draw: the director's type and the share only
// for a director and a shareholder.
func (p *personForm) rows() []int {
	out := []int{pfFirst, pfLast, pfEmail, pfPhone, pfBirth, pfNationality, pfAdmin, pfCompliance, pfApprover, pfDirector}
	if p.form.value(pfDirector) == "yes" {
		out = append(out, pfDirectorType)
	}
	out = append(out, pfShareholder)
	if p.form.value(pfShareholder) == "yes" {
		out = append(out, pfShare)
	}
	return out
}

// skipHidden moves the focus on past a field that is not drawn, in the
// direction it moved (dir +1 or -1).
func (p *personForm) skipHidden(dir int) {
	for !slices.Contains(p.rows(), p.form.focus) {
		p.form.move(p.form.focus + dir)
	}
}
