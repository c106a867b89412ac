package flow

import (
	"context"

	"github.com/onboard-cli/onboard/api"
)

// OrganizationProvider is what a provider's organisation plan needs
// (FinHub's "organization" plan): the company's registration, its
// personnel, the business verification (KYB) with its documents, the
// consents accepted by a named person, and the activation. Every call
// after the registration is made with the session of the person who
// registered the company, its first ADMIN_USER.
type OrganizationProvider interface {
	RegisterOrganization(ctx context.Context, r api.OrgRegistration) (api.OrgRegistered, error)
	// AddPerson adds one person in each of their capacities (employee,
	// director, shareholder). The answer's Password is a secret.
	AddPerson(ctx context.Context, s api.Session, orgID string, p api.OrgPerson) (api.PersonAdded, error)
	// KYBDocuments are the document types the company must upload, and
	// the one each beneficial owner's identity needs.
	KYBDocuments() (company []string, owner string)
	UploadKYB(ctx context.Context, s api.Session, orgID string, d api.KYBDocument) error
	StartKYB(ctx context.Context, s api.Session, orgID string) (api.KYB, error)
	KYBStatus(ctx context.Context, s api.Session, orgID, kybID string) (api.KYB, error)
	// OrgConsents are the consent types activation needs, in order.
	OrgConsents() []string
	AcceptOrgConsent(ctx context.Context, s api.Session, orgID string, c api.OrgConsent) error
	ActivateOrganization(ctx context.Context, s api.Session, orgID, reason string) (api.OrgActivation, error)
	Organization(ctx context.Context, s api.Session, orgID string) (api.OrgSnapshot, error)
}
