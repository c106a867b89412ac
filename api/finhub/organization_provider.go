package finhub

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/onboard-cli/onboard/api"
)

// OrgCategory is the customer category an organisation registers in when
// none is given: the documentation's "Small Business", medium risk
// (approval level TENANT).
const OrgCategory = "fs-cat-b2b-small-001"

// KYBOwnerDocument is the document each beneficial owner's identity
// needs: a passport, an ID card or a driving licence.
const KYBOwnerDocument = "GOVERNMENT_ID"

// BeneficialOwnerShare is the share from which a shareholder is a
// beneficial owner (the documentation's 25%).
const BeneficialOwnerShare = 25

// RegisterOrganization registers the company, with the person at the
// keyboard as its first user (roles ACCOUNT_OWNER and ADMIN).
func (p *Provider) RegisterOrganization(ctx context.Context, r api.OrgRegistration) (api.OrgRegistered, error) {
	co := r.Company
	params := OrgRegistrationParams{Email: r.Email, Password: r.Password, MatchingPassword: r.Password,
		RoleIDs: []string{"ACCOUNT_OWNER", "ADMIN"}, CustomerCategory: CategoryRef{ID: cmp.Or(r.Category, OrgCategory)},
		OrganizationCustomer: OrgCustomerParams{CustomerName: cmp.Or(co.TradingName, co.LegalName),
			Organization: OrgDetailsParams{LegalName: co.LegalName, TradingName: co.TradingName, RegistrationNumber: co.RegistrationNumber,
				TaxID: co.TaxID, IncorporationDate: co.IncorporationDate.String(), LegalForm: co.LegalForm, Industry: co.Industry,
				Website: co.Website, Email: cmp.Or(co.Email, r.Email), Phone: co.Phone, BusinessType: "B2B",
				Addresses: []OrgAddress{{Type: "REGISTERED", Street: co.Street, City: co.City, PostalCode: co.PostalCode,
					Country: strings.ToUpper(co.Country), IsPrimary: true}}},
			User: OrgUserParams{Username: r.Email, Email: r.Email, FirstName: r.FirstName, LastName: r.LastName,
				Roles: []string{"ACCOUNT_OWNER", "ADMIN"}}}}
	out, err := p.c.RegisterOrganization(ctx, params)
	if err != nil {
		return api.OrgRegistered{}, err
	}
	id := api.SanitizeLine(cmp.Or(out.OrganizationID, out.ID))
	if id == "" || out.User.ID == "" {
		return api.OrgRegistered{}, errors.New("finhub: the registration answered no organisation or user id")
	}
	return api.OrgRegistered{OrganizationID: id, UserID: api.SanitizeLine(out.User.ID)}, nil
}

// AddPerson adds the person in each of their capacities: employee (with
// their employee roles), director, shareholder. A capacity FinHub already
// has for them (a run resumed after a lost answer) counts as done. The
// login FinHub makes for them comes with the first answer that has one.
func (p *Provider) AddPerson(ctx context.Context, s api.Session, orgID string, person api.OrgPerson) (api.PersonAdded, error) {
	var added api.PersonAdded
	calls := p.personCalls(s.Token, orgID, person)
	if len(calls) == 0 {
		return added, fmt.Errorf("finhub: %s has no role: give employee roles, director or a share", person.Name())
	}
	for _, call := range calls {
		out, err := call(ctx)
		if e, ok := api.AsError(err); ok && e.Code == CodePersonExists {
			continue
		}
		if err != nil {
			return added, err
		}
		added.PersonID = cmp.Or(added.PersonID, api.SanitizeLine(cmp.Or(out.PersonID, out.EmployeeID, out.DirectorID, out.ShareholderID)))
		if added.Password == "" && out.Individual.Password != "" {
			added.UserID = api.SanitizeLine(out.Individual.UserID)
			added.Username = api.SanitizeLine(cmp.Or(out.Individual.Username, out.Individual.Email))
			added.Password = out.Individual.Password
		}
	}
	if added.PersonID == "" { // every capacity was there already: an answer was lost
		id, err := p.personID(ctx, s, orgID, person)
		if err != nil {
			return added, err
		}
		added.PersonID = id
	}
	return added, nil
}

// personID finds the id of a person FinHub has, by name, when the answer
// that carried it was lost.
func (p *Provider) personID(ctx context.Context, s api.Session, orgID string, person api.OrgPerson) (string, error) {
	snap, err := p.Organization(ctx, s, orgID)
	if err != nil {
		return "", err
	}
	for _, x := range snap.Personnel {
		if strings.EqualFold(x.Name, api.SanitizeLine(person.Name())) {
			return x.PersonID, nil
		}
	}
	return "", fmt.Errorf("finhub: %s is on the organisation's lists but not among its personnel", person.Name())
}

type personCall func(context.Context) (PersonAdded, error)

// personCalls are the calls that add person, in FinHub's recommended
// order: employee, director, shareholder.
func (p *Provider) personCalls(token, orgID string, person api.OrgPerson) []personCall {
	dto := OrgPersonParams{FullName: person.Name(), FirstName: person.FirstName, LastName: person.LastName, Email: person.Email,
		PhoneNumber: person.Phone, DateOfBirth: person.BirthDate.String(), Nationality: strings.ToUpper(person.Nationality)}
	var calls []personCall
	var roles []string
	for _, r := range api.EmployeeRoles() {
		if person.Has(r) {
			roles = append(roles, r)
		}
	}
	if len(roles) > 0 {
		calls = append(calls, func(ctx context.Context) (PersonAdded, error) {
			return p.c.AddEmployee(ctx, token, orgID, EmployeeParams{Person: dto, Position: roles[0], Roles: roles})
		})
	}
	if person.Has(api.RoleDirector) {
		calls = append(calls, func(ctx context.Context) (PersonAdded, error) {
			return p.c.AddDirector(ctx, token, orgID, DirectorParams{Person: dto, Role: cmp.Or(person.DirectorType, "MANAGING_DIRECTOR")})
		})
	}
	if person.Share > 0 {
		calls = append(calls, func(ctx context.Context) (PersonAdded, error) {
			return p.c.AddShareholder(ctx, token, orgID, ShareholderParams{Type: "INDIVIDUAL", OwnershipPercentage: person.Share,
				FirstName: person.FirstName, LastName: person.LastName, IsBeneficialOwner: person.Share >= BeneficialOwnerShare,
				Email: person.Email, DateOfBirth: dto.DateOfBirth, Nationality: dto.Nationality})
		})
	}
	return calls
}

// KYBDocuments are the company's documents the KYB needs, and the one
// for each beneficial owner.
func (p *Provider) KYBDocuments() (company []string, owner string) {
	return []string{"CERTIFICATE_OF_INCORPORATION", "ARTICLES_OF_ASSOCIATION"}, KYBOwnerDocument
}

// UploadKYB uploads a KYB document, the company's or a person's.
func (p *Provider) UploadKYB(ctx context.Context, s api.Session, orgID string, d api.KYBDocument) error {
	if len(d.Content) == 0 {
		return fmt.Errorf("finhub: %s is empty", d.FileName)
	}
	return p.c.UploadOrgDocument(ctx, s.Token, orgID, d.Subject, d.Type, d.FileName, cmp.Or(d.MimeType, "application/octet-stream"), d.Content)
}

// kybStatus is kycStatus, where a submitted KYB's PENDING is a review.
func kybStatus(s string) api.KYCStatus {
	if strings.EqualFold(s, "PENDING") {
		return api.KYCPendingReview
	}
	return kycStatus(s)
}

func (p *Provider) kyb(id, status string) api.KYB {
	k := api.KYB{ID: api.SanitizeLine(id), Status: kybStatus(status)}
	if p.opts.ReviewPage != "" && k.ID != "" {
		k.URL = strings.ReplaceAll(p.opts.ReviewPage, VerificationPlaceholder, k.ID)
	}
	return k
}

// StartKYB submits the business verification as the session's user,
// the organisation's admin.
func (p *Provider) StartKYB(ctx context.Context, s api.Session, orgID string) (api.KYB, error) {
	v, err := p.c.VerifyOrganization(ctx, s.Token, orgID, s.UserID)
	if err != nil {
		return api.KYB{}, err
	}
	return p.kyb(v.ID, v.Status), nil
}

// KYBStatus reads the business verification.
func (p *Provider) KYBStatus(ctx context.Context, s api.Session, _, kybID string) (api.KYB, error) {
	v, err := p.c.Verification(ctx, s.Token, kybID)
	if err != nil {
		return api.KYB{}, err
	}
	return p.kyb(v.ID, v.Status), nil
}

// OrgConsents are the three consents, in FinHub's order.
func (p *Provider) OrgConsents() []string { return Consents() }

// AcceptOrgConsent accepts one consent for the organisation, by name and
// date.
func (p *Provider) AcceptOrgConsent(ctx context.Context, s api.Session, orgID string, c api.OrgConsent) error {
	_, err := p.c.AcceptOrgConsent(ctx, s.Token, orgID, c.Type, TermsVersion, c.AcceptedBy, c.AcceptedAt.UTC().Format(time.RFC3339))
	return err
}

// ActivateOrganization activates the organisation as the session's user.
func (p *Provider) ActivateOrganization(ctx context.Context, s api.Session, orgID, reason string) (api.OrgActivation, error) {
	out, err := p.c.ActivateOrganization(ctx, s.Token, orgID, s.UserID, reason)
	if err != nil {
		return api.OrgActivation{}, err
	}
	// An answer without the activation's status says nothing of the
	// account: it stays unknown, and the wizard reads the organisation.
	status := out.Activation.Status
	return api.OrgActivation{Status: api.OneOf(status, orgStatuses()...), IBAN: api.SanitizeLine(out.IBAN), Account: orgAccount(status)}, nil
}

// Organization reads where the organisation stands.
func (p *Provider) Organization(ctx context.Context, s api.Session, orgID string) (api.OrgSnapshot, error) {
	d, err := p.c.Organization(ctx, s.Token, orgID)
	if err != nil {
		return api.OrgSnapshot{}, err
	}
	snap := api.OrgSnapshot{ID: api.SanitizeLine(d.ID), Name: api.SanitizeLine(d.LegalName), Status: api.OneOf(d.Status, orgStatuses()...),
		Account: orgAccount(d.Status)}
	snap.Active = snap.Account == api.AccountActive
	if d.Verification != nil {
		snap.KYB = p.kyb(d.Verification.ID, d.Verification.Status)
	}
	for _, x := range d.Personnel {
		v := api.OrgPersonView{PersonID: api.SanitizeLine(x.PersonID), Name: api.SanitizeLine(x.Name), Share: x.SharePercentage,
			Verification: api.SanitizeLine(x.VerificationStatus)}
		for _, r := range x.Roles {
			v.Roles = append(v.Roles, api.SanitizeLine(r))
		}
		snap.Personnel = append(snap.Personnel, v)
	}
	for _, c := range d.Consents {
		at, _ := time.Parse(time.RFC3339, c.AcceptedDate)
		snap.Consents = append(snap.Consents, api.OrgConsent{Type: api.SanitizeLine(c.ConsentType), AcceptedBy: api.SanitizeLine(c.AcceptedBy), AcceptedAt: at})
	}
	return snap, nil
}
