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
	Register(ctx context.Context, r api.Registration) (consumerID string, err error)
}

// CredentialSetter proves the phone with an SMS secret and sets a password.
type CredentialSetter interface {
	SendSecret(ctx context.Context, phone api.Phone) error
	SetPassword(ctx context.Context, phone api.Phone, secret, password string) (api.Session, error)
}

// Authenticator logs in and keeps the session fresh.
type Authenticator interface {
	Login(ctx context.Context, phone api.Phone, password string) (api.Session, error)
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

// Provider is everything LinkCy's plan needs.
type Provider interface {
	Name() string
	TermsSource
	Registrar
	CredentialSetter
	Authenticator
	KYCProvider
	EmailVerifier
}
