package flow

import (
	"math"
	"slices"
	"strings"
)

// An organisation as FinHub onboards one (its B2B lifecycle): the company,
// then its personnel in the order the provider's documentation recommends
// (employees, directors, shareholders). The field names and values are the
// provider's; what the wizard and an --organization file share is this
// model, and its rules are the functions below (docs/ARCHITECTURE.md,
// "Where a step lives").

// Role is a role a person holds in an organisation: one of the employee
// roles FinHub knows, or director, or shareholder.
type Role string

// The roles. An employee holds one or more of the first three.
const (
	RoleAdmin       Role = "ADMIN_USER"
	RoleCompliance  Role = "COMPLIANCE_OFFICER"
	RoleApprover    Role = "TRANSACTION_APPROVER"
	RoleDirector    Role = "DIRECTOR"
	RoleShareholder Role = "SHAREHOLDER"
)

// EmployeeRoles are the roles an employee may hold, in the order a
// screen offers them.
func EmployeeRoles() []Role { return []Role{RoleAdmin, RoleCompliance, RoleApprover} }

// DirectorTypes are FinHub's kinds of director.
func DirectorTypes() []string {
	return []string{"MANAGING_DIRECTOR", "EXECUTIVE_DIRECTOR", "NON_EXECUTIVE_DIRECTOR"}
}

// LegalForms are the legal forms onboard offers; FinHub's documentation
// names LIMITED_LIABILITY_COMPANY in its examples, the others are inferred.
func LegalForms() []string {
	return []string{"LIMITED_LIABILITY_COMPANY", "PUBLIC_LIMITED_COMPANY", "SOLE_PROPRIETORSHIP",
		"PARTNERSHIP", "LIMITED_PARTNERSHIP", "COOPERATIVE", "ASSOCIATION", "FOUNDATION"}
}

// OwnerThreshold is the share, in percent, from which a shareholder is a
// beneficial owner whose identity document KYB needs.
const OwnerThreshold = 25

// Address is where the company is registered.
type Address struct {
	Street     string `json:"street" yaml:"street"`
	City       string `json:"city" yaml:"city"`
	PostalCode string `json:"postalCode" yaml:"postalCode"`
	Country    string `json:"country" yaml:"country"` // ISO 3166 alpha-2
}

// Company is what registration asks of the business itself.
type Company struct {
	LegalName          string  `json:"legalName" yaml:"legalName"`
	TradingName        string  `json:"tradingName,omitempty" yaml:"tradingName,omitempty"`
	RegistrationNumber string  `json:"registrationNumber" yaml:"registrationNumber"`
	Country            string  `json:"country" yaml:"country"` // ISO 3166 alpha-2
	LegalForm          string  `json:"legalForm" yaml:"legalForm"`
	IncorporationDate  string  `json:"incorporationDate" yaml:"incorporationDate"` // YYYY-MM-DD
	Address            Address `json:"address" yaml:"address"`
	Email              string  `json:"email" yaml:"email"`
	Phone              string  `json:"phone" yaml:"phone"` // international, +44…
}

// Person is one individual of the organisation, as each list of the
// personnel gives them. IDDocument is the file of their identity document,
// which KYB needs of beneficial owners.
type Person struct {
	FirstName   string `json:"firstName" yaml:"firstName"`
	LastName    string `json:"lastName" yaml:"lastName"`
	Email       string `json:"email" yaml:"email"`
	Phone       string `json:"phone,omitempty" yaml:"phone,omitempty"`
	DateOfBirth string `json:"dateOfBirth" yaml:"dateOfBirth"` // YYYY-MM-DD
	Nationality string `json:"nationality" yaml:"nationality"` // ISO 3166 alpha-2
	IDDocument  string `json:"idDocument,omitempty" yaml:"idDocument,omitempty"`
}

// Name is the person's full name.
func (p Person) Name() string { return strings.TrimSpace(p.FirstName + " " + p.LastName) }

// Employee is a person who works for the company, with their roles.
type Employee struct {
	Person `yaml:",inline"`
	Roles  []Role `json:"roles" yaml:"roles"`
}

// Director is a person on the company's board.
type Director struct {
	Person `yaml:",inline"`
	Type   string `json:"type,omitempty" yaml:"type,omitempty"` // DirectorTypes; MANAGING_DIRECTOR if empty
}

// Shareholder is a person who owns part of the company.
type Shareholder struct {
	Person `yaml:",inline"`
	Share  float64 `json:"share" yaml:"share"` // percent, up to two decimals
}

// Document is one of the company's KYB documents.
type Document struct {
	Type string `json:"type" yaml:"type"` // e.g. CERTIFICATE_OF_INCORPORATION
	File string `json:"file" yaml:"file"`
}

// CompanyDocumentTypes are the company documents KYB asks for.
func CompanyDocumentTypes() []string {
	return []string{"CERTIFICATE_OF_INCORPORATION", "ARTICLES_OF_ASSOCIATION", "PROOF_OF_ADDRESS", "SHAREHOLDER_REGISTER"}
}

// Organization is the company and its personnel. One person may be in
// several lists (an employee who is also a director): the lists name them
// by the same email, and FinHub creates one individual record each time.
type Organization struct {
	Company      Company       `json:"company" yaml:"company"`
	Employees    []Employee    `json:"employees" yaml:"employees"`
	Directors    []Director    `json:"directors" yaml:"directors"`
	Shareholders []Shareholder `json:"shareholders" yaml:"shareholders"`
	Documents    []Document    `json:"documents,omitempty" yaml:"documents,omitempty"`
}

// hundredths is a share in hundredths of a percent, so that sums are exact.
func hundredths(share float64) int64 { return int64(math.Round(share * 100)) }

// RunningTotal is the sum of the shares entered so far, in percent.
func (o Organization) RunningTotal() float64 {
	var n int64
	for _, s := range o.Shareholders {
		n += hundredths(s.Share)
	}
	return float64(n) / 100
}

// SharesComplete reports whether the shares total exactly 100%.
func (o Organization) SharesComplete() bool {
	var n int64
	for _, s := range o.Shareholders {
		n += hundredths(s.Share)
	}
	return n == 100*100
}

// BeneficialOwner reports whether a share makes its holder a beneficial
// owner (OwnerThreshold percent or more).
func BeneficialOwner(share float64) bool { return hundredths(share) >= OwnerThreshold*100 }

// Owners are the shareholders who are beneficial owners, in file order.
func (o Organization) Owners() []Shareholder {
	var out []Shareholder
	for _, s := range o.Shareholders {
		if BeneficialOwner(s.Share) {
			out = append(out, s)
		}
	}
	return out
}

// Member is one person with every role they hold in the organisation:
// the personnel screen's row.
type Member struct {
	Person
	Roles        []Role  // employee roles, then DIRECTOR and SHAREHOLDER
	DirectorType string  // when a director
	Share        float64 // when a shareholder
}

// Has reports whether m holds role r.
func (m Member) Has(r Role) bool { return slices.Contains(m.Roles, r) }

// Owner reports whether m is a beneficial owner.
func (m Member) Owner() bool { return m.Has(RoleShareholder) && BeneficialOwner(m.Share) }

// Members merges the three lists into one row a person, matched by email
// (case aside), in the order each first appears.
func (o Organization) Members() []Member {
	var out []Member
	at := map[string]int{}
	get := func(p Person) *Member {
		k := strings.ToLower(strings.TrimSpace(p.Email))
		if i, ok := at[k]; ok && k != "" {
			return &out[i]
		}
		at[k] = len(out)
		out = append(out, Member{Person: p})
		return &out[len(out)-1]
	}
	for _, e := range o.Employees {
		m := get(e.Person)
		m.Roles = append(m.Roles, e.Roles...)
	}
	for _, d := range o.Directors {
		m := get(d.Person)
		m.Roles, m.DirectorType = append(m.Roles, RoleDirector), d.Type
	}
	for _, s := range o.Shareholders {
		m := get(s.Person)
		m.Roles, m.Share = append(m.Roles, RoleShareholder), s.Share
	}
	return out
}

// Assemble is the inverse of Members: the lists FinHub is sent, each
// member in every list their roles put them in, in the members' order
// but for the employees, whose first ADMIN_USER goes first (FinHub's
// first employee must be one).
func Assemble(c Company, ms []Member, docs []Document) Organization {
	o := Organization{Company: c, Documents: docs}
	if i := slices.IndexFunc(ms, func(m Member) bool { return m.Has(RoleAdmin) }); i > 0 {
		ms = append([]Member{ms[i]}, append(slices.Clone(ms[:i]), ms[i+1:]...)...)
	}
	for _, m := range ms {
		var er []Role
		for _, r := range m.Roles {
			if slices.Contains(EmployeeRoles(), r) {
				er = append(er, r)
			}
		}
		if len(er) > 0 {
			o.Employees = append(o.Employees, Employee{Person: m.Person, Roles: er})
		}
		if m.Has(RoleDirector) {
			o.Directors = append(o.Directors, Director{Person: m.Person, Type: m.DirectorType})
		}
		if m.Has(RoleShareholder) {
			o.Shareholders = append(o.Shareholders, Shareholder{Person: m.Person, Share: m.Share})
		}
	}
	return o
}

// FieldError is one thing wrong with an organisation, at its path in the
// file ("shareholders[1].share"). Msg is the sentence's format and Args its
// arguments, so that a front end translates it by key (Text).
type FieldError struct {
	Path string
	Msg  string
	Args []any
	// Email names the person it is about, for a screen that shows them
	// by row; empty for the company.
	Email string
}

func (e FieldError) Error() string { return e.Path + ": " + e.Text().String() }

// Text is the problem's sentence, keyed for translation.
func (e FieldError) Text() *Text { return Say(e.Msg, e.Args...) }

// Problems is every FieldError of an organisation, in file order.
type Problems []FieldError

func (p Problems) Error() string {
	s := make([]string, len(p))
	for i, e := range p {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}

// Err is p as an error, nil when there is none.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	return p
}

// For returns the problems about the person with this email.
func (p Problems) For(email string) Problems {
	var out Problems
	for _, e := range p {
		if e.Email != "" && strings.EqualFold(e.Email, email) {
			out = append(out, e)
		}
	}
	return out
}

// ShareValue is a percentage to the hundredth, for a %v that a printer
// writes as a person would in their language: 60, 33.5 (33,5), 12.25.
func ShareValue(v float64) float64 { return math.Round(v*100) / 100 }
