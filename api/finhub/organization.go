package finhub

import (
	"context"
	"encoding/base64"
	"net/http"
	"strings"

	"github.com/onboard-cli/onboard/api/internal/rest"
)

// The organisation (B2B) operations, as errors and logs show them.
const (
	opOrgRegister    = "POST /customer/organization/registration"
	opOrgGet         = "GET /customer/organization/{organizationId}"
	opOrgEmployee    = "POST /customer/organization/{organizationId}/employee"
	opOrgDirector    = "POST /customer/organization/{organizationId}/director"
	opOrgShareholder = "POST /customer/organization/{organizationId}/shareholders"
	opOrgDocument    = "POST /customer/organization/{organizationId}/documents"
	opOrgVerify      = "POST /customer/organization/{organizationId}/verify"
	opOrgConsent     = "POST /customer/organization/{organizationId}/consents/{consentType}"
	opOrgActivate    = "POST /customer/organization/{organizationId}/activation"
)

// The organisation's error codes the adapter acts on (the sandbox's,
// x-inferred in openapi.yaml).
const (
	// CodePersonExists: this person is already on that list; adding them
	// again after a lost answer is done, not an error.
	CodePersonExists = "PERSON_ALREADY_ADDED"
	// CodeStepOrder: a step whose prerequisite is missing (its message
	// says which); FinHub's state machine never goes back.
	CodeStepOrder = "PREREQUISITE_MISSING"
)

func orgPath(orgID string) string { return "customer/organization/" + rest.PathEscape(orgID) }

// adminHeaders are the headers an organisation's privileged actions need:
// the admin user and their roles.
func adminHeaders(userID string, roles []string) http.Header {
	h := http.Header{}
	h.Set("X-User-ID", userID)
	h.Set("X-User-Roles", strings.Join(roles, ","))
	return h
}

// RegisterOrganization registers an organisation and its first user. It
// is sent once: FinHub documents no idempotency key.
func (c *Client) RegisterOrganization(ctx context.Context, p OrgRegistrationParams) (OrgCustomer, error) {
	var out OrgCustomer
	err := c.do(ctx, rest.Request{Method: http.MethodPost, Path: "customer/organization/registration", Op: opOrgRegister,
		Body: p, Retry: rest.RetryNever}, &out)
	return out, err
}

// Organization reads an organisation with its personnel, verification and
// consents.
func (c *Client) Organization(ctx context.Context, token, orgID string) (OrgDetails, error) {
	var out OrgDetails
	err := c.do(ctx, rest.Request{Method: http.MethodGet, Path: orgPath(orgID), Op: opOrgGet, Token: token}, &out)
	return out, err
}

// AddEmployee adds an employee with roles.
func (c *Client) AddEmployee(ctx context.Context, token, orgID string, p EmployeeParams) (PersonAdded, error) {
	var out PersonAdded
	err := c.do(ctx, rest.Request{Method: http.MethodPost, Path: orgPath(orgID) + "/employee", Op: opOrgEmployee, Token: token,
		Body: p, Retry: rest.RetryNever}, &out)
	return out, err
}

// AddDirector adds a director.
func (c *Client) AddDirector(ctx context.Context, token, orgID string, p DirectorParams) (PersonAdded, error) {
	var out PersonAdded
	err := c.do(ctx, rest.Request{Method: http.MethodPost, Path: orgPath(orgID) + "/director", Op: opOrgDirector, Token: token,
		Body: p, Retry: rest.RetryNever}, &out)
	return out, err
}

// AddShareholder adds a shareholder.
func (c *Client) AddShareholder(ctx context.Context, token, orgID string, p ShareholderParams) (PersonAdded, error) {
	var out PersonAdded
	err := c.do(ctx, rest.Request{Method: http.MethodPost, Path: orgPath(orgID) + "/shareholders", Op: opOrgShareholder, Token: token,
		Body: p, Retry: rest.RetryNever}, &out)
	return out, err
}

// UploadOrgDocument uploads a KYB document: the company's, or a person's
// when personID is set.
func (c *Client) UploadOrgDocument(ctx context.Context, token, orgID, personID, docType, fileName, mimeType string, content []byte) error {
	return c.do(ctx, rest.Request{Method: http.MethodPost, Path: orgPath(orgID) + "/documents", Op: opOrgDocument, Token: token,
		Retry: rest.RetryNever, Body: OrgDocumentParams{DocumentType: docType, FileName: fileName, MimeType: mimeType,
			FileContent: base64.StdEncoding.EncodeToString(content), CustomerID: orgID,
			Metadata: OrgDocumentMeta{CustomerID: orgID, PersonID: personID}}}, nil)
}

// VerifyOrganization submits the KYB as the admin user (or returns the
// open one).
func (c *Client) VerifyOrganization(ctx context.Context, token, orgID, adminUserID string) (OrgVerification, error) {
	var out OrgVerification
	err := c.do(ctx, rest.Request{Method: http.MethodPost, Path: orgPath(orgID) + "/verify", Op: opOrgVerify, Token: token,
		Header: adminHeaders(adminUserID, []string{"ADMIN_USER"}), Retry: rest.RetryNever,
		Body: OrgVerifyParams{CustomerID: orgID, Type: "BUSINESS_VERIFICATION", RequestedLevel: "TENANT_VERIFIED",
			RequestedByUserID: adminUserID, RequestedByTenantID: c.tenant.ID, Notes: "Business Verification"}}, &out)
	return out, err
}

// AcceptOrgConsent accepts one consent for the organisation, recorded as
// accepted by acceptedBy at acceptedDate (ISO 8601). Accepting again is
// harmless, so a lost answer is retried.
func (c *Client) AcceptOrgConsent(ctx context.Context, token, orgID, consentType, version, acceptedBy, acceptedDate string) (Consent, error) {
	var out Consent
	err := c.do(ctx, rest.Request{Method: http.MethodPost, Path: orgPath(orgID) + "/consents/" + rest.PathEscape(consentType),
		Op: opOrgConsent, Token: token, Retry: rest.RetrySafe,
		Body: OrgConsentParams{Accepted: true, Version: version, AcceptedBy: acceptedBy, AcceptedDate: acceptedDate}}, &out)
	return out, err
}

// ActivateOrganization activates the organisation as the admin user.
func (c *Client) ActivateOrganization(ctx context.Context, token, orgID, adminUserID, reason string) (OrgActivation, error) {
	var out OrgActivation
	err := c.do(ctx, rest.Request{Method: http.MethodPost, Path: orgPath(orgID) + "/activation", Op: opOrgActivate, Token: token,
		Header: adminHeaders(adminUserID, []string{"ADMIN_USER"}), Retry: rest.RetryNever,
		Body: OrgActivationParams{ActivationReason: reason, AdditionalInfo: map[string]string{"userId": adminUserID}}}, &out)
	return out, err
}
