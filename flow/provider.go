package flow

import (
	"context"

	"github.com/onboard-cli/onboard/api"
)

// The small interfaces each step kind needs from a provider. A provider
// client's adapter (linkcy.Provider) satisfies them all; tests use
// flowtest.Fake.

// TermsSource serves the terms document.
type TermsSource interface {
	Terms(ctx context.Context, lang string) (api.Terms, error)
	AcceptTerms(ctx context.Context, s api.Session, version string) error
}

// Registrar creates consumers.
type Registrar interface {
	Register(ctx context.Context, r api.Registration) (api.Registered, error)
}

// CredentialSetter sets the password: with an SMS secret that also proves
// the phone (Needs.SMSSecret; SendSecret texts it), or directly (secret "").
// It returns the session the provider opens at the same time, if any.
type CredentialSetter interface {
	SendSecret(ctx context.Context, who api.Who) error
	SetPassword(ctx context.Context, who api.Who, secret, password string) (api.Session, error)
}

// Authenticator logs in and keeps the session fresh. Login uses the phone
// or, with Needs.LoginByEmail, the email address.
type Authenticator interface {
	Login(ctx context.Context, who api.Who, password string) (api.Session, error)
	Refresh(ctx context.Context, s api.Session) (api.Session, error)
	Snapshot(ctx context.Context, s api.Session) (api.Snapshot, error)
}

// KYCProvider starts and follows the identity check.
type KYCProvider interface {
	StartKYC(ctx context.Context, s api.Session) (api.KYCLink, error)
	KYCStatus(ctx context.Context, s api.Session, id string) (api.KYCStatus, error)
}

// EmailVerifier sets the email and sends the verification link.
type EmailVerifier interface {
	SetEmail(ctx context.Context, s api.Session, email string) error
	SendEmailVerification(ctx context.Context, s api.Session) error
}

// CodeVerifier sends a 6-digit code to the email address or the phone and
// checks it (the email-code and phone-code steps). to is the address or
// the E.164 number.
type CodeVerifier interface {
	SendCode(ctx context.Context, s api.Session, ch api.Channel, to string) error
	VerifyCode(ctx context.Context, s api.Session, ch api.Channel, to, code string) error
}

// Provider is everything a plan's steps need. Needs says what the steps
// ask of the person for this provider; a step kind a provider's plan does
// not use may answer with an error.
type Provider interface {
	Name() string
	Needs() api.Needs
	TermsSource
	CodeVerifier
	Registrar
	CredentialSetter
	Authenticator
	KYCProvider
	EmailVerifier
}

// Directory is the partner's side of a provider: what the support agent's
// console uses to find consumers and act for them (linkcy.Partner).
type Directory interface {
	Find(ctx context.Context, q api.Lookup) (api.Snapshot, error)
	Search(ctx context.Context, s api.Search) (api.ConsumerPage, error)
	Register(ctx context.Context, r api.Registration) (consumerID string, err error)
	StartKYC(ctx context.Context, consumerID string) (api.KYCLink, error)
	SendEmailVerification(ctx context.Context, consumerID string) error
}

// Categorizer lists the customer categories a person picks from before
// registering (FinHub's categorisation hierarchy).
type Categorizer interface {
	Categories(ctx context.Context) ([]api.Category, error)
}

// DocumentUploader uploads identity documents to a check whose KYCLink
// names the ones it needs (Needs.Documents).
type DocumentUploader interface {
	UploadDocument(ctx context.Context, s api.Session, kycID string, d api.Document) error
}

// Activator turns the account on with the code the provider emailed
// (the activate step).
type Activator interface {
	Activate(ctx context.Context, s api.Session, who api.Who, code string) error
}
