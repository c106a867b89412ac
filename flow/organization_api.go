package flow

import (
	"strconv"
	"strings"

	"github.com/onboard-cli/onboard/api"
)

// The organisation's model as the provider's calls take it (api's types):
// validated here, sent by the Engine (flow/organization_engine.go).

// API is the company as Engine.RegisterOrganization sends it. Call it on
// a company CompanyProblems finds nothing wrong with: a date it cannot
// read is left zero.
func (c Company) API() api.Company {
	out := api.Company{LegalName: strings.TrimSpace(c.LegalName), TradingName: strings.TrimSpace(c.TradingName),
		RegistrationNumber: strings.TrimSpace(c.RegistrationNumber), LegalForm: c.LegalForm, Country: c.Country,
		Street: strings.TrimSpace(c.Address.Street), City: strings.TrimSpace(c.Address.City),
		PostalCode: strings.TrimSpace(c.Address.PostalCode), Email: strings.TrimSpace(c.Email),
		Phone: strings.ReplaceAll(strings.TrimSpace(c.Phone), " ", "")}
	if t, err := ParseISODate(c.IncorporationDate); err == nil {
		out.IncorporationDate = api.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
	}
	return out
}

// API is the member as Engine.AddPerson sends them: every role at once.
func (m Member) API() api.OrgPerson {
	p := api.OrgPerson{FirstName: strings.TrimSpace(m.FirstName), LastName: strings.TrimSpace(m.LastName),
		Email: strings.TrimSpace(m.Email), Phone: strings.ReplaceAll(strings.TrimSpace(m.Phone), " ", ""),
		Nationality: m.Nationality}
	if t, err := ParseISODate(m.DateOfBirth); err == nil {
		p.BirthDate = api.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
	}
	for _, r := range m.Roles {
		p.Roles = append(p.Roles, string(r))
	}
	if m.Has(RoleShareholder) {
		p.Share = m.Share
	}
	p.DirectorType = m.DirectorType
	return p
}

func itoa(i int) string { return strconv.Itoa(i) }
