package api

import (
	"fmt"
	"time"
)

// The roles a person may hold in an organisation. The employee roles are
// FinHub's; Director and Shareholder say which list the person is on.
const (
	RoleAdminUser           = "ADMIN_USER"
	RoleComplianceOfficer   = "COMPLIANCE_OFFICER"
	RoleTransactionApprover = "TRANSACTION_APPROVER"
	RoleDirector            = "DIRECTOR"
	RoleShareholder         = "SHAREHOLDER"
)

// EmployeeRoles are the roles that make a person an employee.
func EmployeeRoles() []string {
	return []string{RoleAdminUser, RoleComplianceOfficer, RoleTransactionApprover}
}

// Company is an organisation as a provider registers it.
type Company struct {
	LegalName          string
	TradingName        string
	RegistrationNumber string
	TaxID              string
	LegalForm          string // e.g. LIMITED_LIABILITY_COMPANY
	Industry           string
	IncorporationDate  Date
	Country            string // where it is registered, ISO 3166 alpha-2
	Street             string
	City               string
	PostalCode         string
	Email              string
	Phone              string // E.164
	Website            string
}

// OrgRegistration registers a company with the person at the keyboard as
// its first user; Password is theirs, sent once and never kept.
type OrgRegistration struct {
	Company   Company
	FirstName string
	LastName  string
	Email     string
	Password  string
	// Category is the provider's customer category; "" for its default.
	Category string
}

// String implements fmt.Stringer without the password.
func (r OrgRegistration) String() string {
	return fmt.Sprintf("OrgRegistration{Company:%q Email:%q}", r.Company.LegalName, r.Email)
}

// OrgRegistered is what a registration answers: the organisation, and the
// login user of the person who registered it.
type OrgRegistered struct {
	OrganizationID string
	UserID         string
}

// OrgPerson is one person of an organisation: an employee (with employee
// roles), a director, a shareholder (Share > 0), or several at once.
type OrgPerson struct {
	FirstName   string
	LastName    string
	Email       string
	Phone       string // E.164
	BirthDate   Date
	Nationality string // ISO 3166 alpha-2
	Roles       []string
	// Share is the percentage of the company the person holds, 0 to 100.
	Share float64
	// DirectorType is the kind of director (MANAGING_DIRECTOR, …); ""
	// for the provider's default.
	DirectorType string
}

// Name is the person's full name.
func (p OrgPerson) Name() string { return p.FirstName + " " + p.LastName }

// Has reports whether the person holds role.
func (p OrgPerson) Has(role string) bool {
	for _, r := range p.Roles {
		if r == role {
			return true
		}
	}
	return false
}

// PersonAdded is the provider's answer to adding a person: the person's
// record and the individual login it made for them. Password is generated
// by the provider: a secret, never logged, saved or printed.
type PersonAdded struct {
	PersonID string
	UserID   string
	Username string
	Password string
}

// String implements fmt.Stringer without the password.
func (p PersonAdded) String() string {
	return fmt.Sprintf("PersonAdded{PersonID:%q UserID:%q}", p.PersonID, p.UserID)
}

// KYBDocument is a document for the business verification: the
// company's (Subject "") or one person's (Subject is the PersonID).
type KYBDocument struct {
	Document
	Subject string
}

// KYB is a business verification: its id, status and, on a sandbox, the
// page where it is reviewed.
type KYB struct {
	ID     string
	Status KYCStatus
	URL    string
}

// OrgConsent is one consent an organisation accepted, by whom and when.
type OrgConsent struct {
	Type       string    `json:"type"`
	AcceptedBy string    `json:"acceptedBy"`
	AcceptedAt time.Time `json:"acceptedAt"`
}

// OrgActivation is what an activation answers.
type OrgActivation struct {
	Status string // ACTIVE, or ACTIVATING while the wallet is made
	IBAN   string
	// Account is where the activation leaves the company's account, as
	// the adapter maps the provider's status (only AccountActive is
	// onboarded).
	Account Account
}

// OrgSnapshot is where an organisation stands with the provider.
type OrgSnapshot struct {
	ID, Name string
	// Status is the provider's own word for the organisation.
	Status string
	Active bool
	// Account is the provider's status mapped as every adapter maps a
	// consumer's (Snapshot.Account): only AccountActive is onboarded.
	Account   Account
	KYB       KYB
	Personnel []OrgPersonView
	// Consents are the consent types accepted.
	Consents []OrgConsent
}

// OrgPersonView is one person as the provider keeps them.
type OrgPersonView struct {
	PersonID string
	Name     string
	Roles    []string
	Share    float64
	// Verification is the provider's word for the person's check.
	Verification string
}
