package finhub

import (
	"context"
	"encoding/base64"
	"net/http"

	"github.com/onboard-cli/onboard/api/internal/rest"
)

// Operation names, as errors and logs show them.
const (
	opHierarchy       = "GET /customer/individual/categorization/hierarchy/{tenantId}"
	opRegister        = "POST /customer/individual/registration"
	opCreateSession   = "POST /customer/individual/{customerId}/users/{userId}/sessions"
	opRefreshSession  = "PUT /customer/individual/{customerId}/users/{userId}/sessions"
	opEndSession      = "DELETE /customer/individual/{customerId}/users/{userId}/sessions"
	opStartVerify     = "POST /customer/individual/{customerId}/verification"
	opUploadDocument  = "POST /verifications/{verificationId}/documents"
	opGetVerification = "GET /verifications/{verificationId}"
	opConsent         = "POST /customer/individual/{customerId}/consents/{consentType}"
	opActivationCheck = "GET /customer/individual/{customerId}/owner/{ownerTenantId}/activation/check"
	opActivate        = "POST /customer/individual/{customerId}/activation"
)

// The consent types the activation needs, in the order FinHub wants them.
const (
	ConsentTerms          = "terms"
	ConsentPrivacy        = "privacy"
	ConsentDataProcessing = "data-processing"
)

// Consents returns the three consents, in the order they are accepted.
func Consents() []string { return []string{ConsentTerms, ConsentPrivacy, ConsentDataProcessing} }

func customerPath(customerID string) string {
	return "customer/individual/" + rest.PathEscape(customerID)
}

func sessionsPath(customerID, userID string) string {
	return customerPath(customerID) + "/users/" + rest.PathEscape(userID) + "/sessions"
}

// Hierarchy reads the tenant's customer categories.
func (c *Client) Hierarchy(ctx context.Context) (Hierarchy, error) {
	var out Hierarchy
	err := c.do(ctx, rest.Request{Method: http.MethodGet, Path: "customer/individual/categorization/hierarchy/" + rest.PathEscape(c.tenant.ID),
		Op: opHierarchy}, &out)
	return out, err
}

// Register registers an individual customer. It is sent once: FinHub
// documents no idempotency key.
func (c *Client) Register(ctx context.Context, p RegistrationParams) (Customer, error) {
	var out Customer
	err := c.do(ctx, rest.Request{Method: http.MethodPost, Path: "customer/individual/registration", Op: opRegister,
		Body: p, Retry: rest.RetryNever}, &out)
	return out, err
}

// CreateSession logs the customer's user in with a password.
func (c *Client) CreateSession(ctx context.Context, customerID, userID, username, password string) (Session, error) {
	var out Session
	if err := checkIDs(opCreateSession, "customer id", customerID, "user id", userID); err != nil {
		return out, err
	}
	err := c.do(ctx, rest.Request{Method: http.MethodPost, Path: sessionsPath(customerID, userID), Op: opCreateSession, Retry: rest.RetryNever,
		Body: SessionParams{Username: username, Password: password, TenantKey: c.tenant.Key, TenantSecret: c.tenant.Secret,
			CredentialType: "PASSWORD", Value: username, TenantID: c.tenant.ID}}, &out)
	return out, err
}

// RefreshSession trades a refresh token for a new session.
func (c *Client) RefreshSession(ctx context.Context, customerID, userID, refreshToken string) (Session, error) {
	var out Session
	if err := checkIDs(opRefreshSession, "customer id", customerID, "user id", userID); err != nil {
		return out, err
	}
	err := c.do(ctx, rest.Request{Method: http.MethodPut, Path: sessionsPath(customerID, userID), Op: opRefreshSession, Retry: rest.RetryNever,
		Body: map[string]string{"refreshToken": refreshToken}}, &out)
	return out, err
}

// EndSession ends the token's session.
func (c *Client) EndSession(ctx context.Context, customerID, userID, token string) error {
	if err := checkIDs(opEndSession, "customer id", customerID, "user id", userID); err != nil {
		return err
	}
	return c.do(ctx, rest.Request{Method: http.MethodDelete, Path: sessionsPath(customerID, userID), Op: opEndSession, Token: token,
		Retry: rest.RetryNever}, nil)
}

// StartVerification starts (or, when one is open, returns) the
// customer's identity verification with the documents it still needs.
func (c *Client) StartVerification(ctx context.Context, token, customerID string) (Verification, error) {
	var out Verification
	if err := checkIDs(opStartVerify, "customer id", customerID); err != nil {
		return out, err
	}
	err := c.do(ctx, rest.Request{Method: http.MethodPost, Path: customerPath(customerID) + "/verification", Op: opStartVerify, Token: token,
		Retry: rest.RetryNever, Body: map[string]any{"verificationType": "STANDARD"}}, &out)
	return out, err
}

// UploadDocument adds one document to a verification.
func (c *Client) UploadDocument(ctx context.Context, token, customerID, verificationID, docType, fileName, mimeType string, content []byte) error {
	if err := checkIDs(opUploadDocument, "verification id", verificationID); err != nil {
		return err
	}
	return c.do(ctx, rest.Request{Method: http.MethodPost, Path: "verifications/" + rest.PathEscape(verificationID) + "/documents",
		Op: opUploadDocument, Token: token, Retry: rest.RetryNever,
		Body: DocumentParams{VerificationID: verificationID, CustomerID: customerID, DocumentType: docType, FileName: fileName,
			MimeType: mimeType, FileContent: base64.StdEncoding.EncodeToString(content)}}, nil)
}

// Verification reads a verification's status and the documents it still
// needs.
func (c *Client) Verification(ctx context.Context, token, verificationID string) (Verification, error) {
	var out Verification
	if err := checkIDs(opGetVerification, "verification id", verificationID); err != nil {
		return out, err
	}
	err := c.do(ctx, rest.Request{Method: http.MethodGet, Path: "verifications/" + rest.PathEscape(verificationID), Op: opGetVerification,
		Token: token}, &out)
	return out, err
}

// AcceptConsent accepts one consent (ConsentTerms, ConsentPrivacy or
// ConsentDataProcessing) at version. Accepting again is harmless, so a
// lost answer is retried.
func (c *Client) AcceptConsent(ctx context.Context, token, customerID, consentType, version string) (Consent, error) {
	var out Consent
	if err := checkIDs(opConsent, "customer id", customerID); err != nil {
		return out, err
	}
	err := c.do(ctx, rest.Request{Method: http.MethodPost, Path: customerPath(customerID) + "/consents/" + rest.PathEscape(consentType),
		Op: opConsent, Token: token, Retry: rest.RetrySafe, Body: ConsentParams{Accepted: true, Version: version}}, &out)
	return out, err
}

// ActivationCheck says whether the customer may be activated, and what is
// missing.
func (c *Client) ActivationCheck(ctx context.Context, token, customerID string) (ActivationCheck, error) {
	var out ActivationCheck
	if err := checkIDs(opActivationCheck, "customer id", customerID); err != nil {
		return out, err
	}
	err := c.do(ctx, rest.Request{Method: http.MethodGet, Path: customerPath(customerID) + "/owner/" + rest.PathEscape(c.tenant.ID) + "/activation/check",
		Op: opActivationCheck, Token: token}, &out)
	return out, err
}

// Activate turns the customer's account on with the emailed code.
func (c *Client) Activate(ctx context.Context, token, customerID, userID, code string) (Activation, error) {
	var out Activation
	if err := checkIDs(opActivate, "customer id", customerID); err != nil {
		return out, err
	}
	err := c.do(ctx, rest.Request{Method: http.MethodPost, Path: customerPath(customerID) + "/activation", Op: opActivate, Token: token,
		Retry: rest.RetryNever, Body: ActivationParams{Code: code, UserID: userID}}, &out)
	return out, err
}
