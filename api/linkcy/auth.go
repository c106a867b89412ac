package linkcy

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/onboard-cli/onboard/api/internal/rest"
)

// Tokens is a session: a JWT access token and a rotating refresh token.
// Its String and GoString never reveal the tokens, so a stray %v is safe.
type Tokens struct {
	Token        string
	RefreshToken string
	EndUserID    string
	// ExpiresAt is read from the access token's "exp" claim; zero when the
	// token carries none.
	ExpiresAt time.Time
}

// String implements fmt.Stringer without revealing the tokens.
func (t Tokens) String() string {
	return fmt.Sprintf("linkcy.Tokens{EndUserID:%q ExpiresAt:%s}", t.EndUserID, t.ExpiresAt.Format(time.RFC3339))
}

// GoString implements fmt.GoStringer without revealing the tokens.
func (t Tokens) GoString() string { return t.String() }

// ExpiresWithin reports whether the access token lapses within d of now,
// so a caller can refresh ahead of time.
func (t Tokens) ExpiresWithin(d time.Duration, now time.Time) bool {
	return !t.ExpiresAt.IsZero() && now.Add(d).After(t.ExpiresAt)
}

type tokenResponse struct {
	Token        string `json:"token"`
	RefreshToken string `json:"refreshToken"`
	EndUserID    string `json:"endUserId,omitempty"`
}

func (r tokenResponse) tokens() Tokens {
	return Tokens{Token: r.Token, RefreshToken: r.RefreshToken, EndUserID: r.EndUserID, ExpiresAt: TokenExpiry(r.Token)}
}

// TokenExpiry reads the "exp" claim of a JWT without checking its
// signature (only the issuer can; we only need to know when to refresh).
// It returns the zero time when the token has no readable expiry.
func TokenExpiry(token string) time.Time {
	claims := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(token, claims); err != nil {
		return time.Time{}
	}
	exp, err := claims.GetExpirationTime()
	if err != nil || exp == nil {
		return time.Time{}
	}
	return exp.Time
}

const (
	opReset        = "POST /api/partner/passwords/reset"
	opResetSandbox = "POST /api/partner/passwords/reset/sandbox"
	opChange       = "POST /api/partner/passwords/change"
	opLogin        = "POST /api/partner/login"
	opRefresh      = "POST /api/partner/refresh"
)

// RequestPasswordSecret asks LinkCy to text the consumer a short-lived
// secret for ChangePassword. It serves both the first password and a reset.
// phone may be in any written form; it is sent as digits only.
func (c *Client) RequestPasswordSecret(ctx context.Context, phone, partnerName string) error {
	body := map[string]string{"consumerPhone": PhoneDigits(phone), "partnerName": partnerName}
	return c.do(ctx, rest.Request{Method: http.MethodPost, Path: "api/partner/passwords/reset", Op: opReset, Body: body}, nil)
}

// RequestPasswordSecretSandbox is the sandbox-only twin of
// RequestPasswordSecret: the secret comes back in the answer instead of by
// SMS. It needs a partner token.
func (c *Client) RequestPasswordSecretSandbox(ctx context.Context, partnerToken, phone, partnerName string) (string, error) {
	body := map[string]string{"consumerPhone": PhoneDigits(phone), "partnerName": partnerName}
	var out struct {
		PasswordChangeSecret string `json:"passwordChangeSecret"`
	}
	err := c.do(ctx, rest.Request{Method: http.MethodPost, Path: "api/partner/passwords/reset/sandbox", Op: opResetSandbox,
		Body: body, Token: partnerToken}, &out)
	return out.PasswordChangeSecret, err
}

// ChangePassword sets the password with the SMS secret. It also logs the
// consumer in, and a first success proves the phone. It is never retried:
// each try spends one of the secret's attempts. LinkCy finds the consumer
// from the secret alone; a sandbox is also told the phone and the partner
// (extensions it uses to count wrong tries per consumer, and to tell the
// tenants of a shared sandbox apart), LinkCy never is.
func (c *Client) ChangePassword(ctx context.Context, phone, partnerName, secret, newPassword string) (Tokens, error) {
	body := map[string]string{"passwordChangeSecret": secret, "newPassword": newPassword}
	if c.sandbox && phone != "" {
		body["consumerPhone"] = PhoneDigits(phone)
	}
	if c.sandbox && partnerName != "" {
		body["partnerName"] = partnerName
	}
	var out tokenResponse
	if err := c.do(ctx, rest.Request{Method: http.MethodPost, Path: "api/partner/passwords/change", Op: opChange, Body: body, Retry: rest.RetryNever}, &out); err != nil {
		return Tokens{}, err
	}
	return out.tokens(), nil
}

// Login logs a consumer in with the full phone (any written form) and password.
func (c *Client) Login(ctx context.Context, phone, partnerName, password string) (Tokens, error) {
	body := map[string]string{"consumerPhone": PhoneDigits(phone), "partnerName": partnerName, "password": password}
	return c.login(ctx, body)
}

// PartnerLogin logs the partner in with the username LinkCy supplied.
func (c *Client) PartnerLogin(ctx context.Context, username, partnerName, password string) (Tokens, error) {
	body := map[string]string{"username": username, "partnerName": partnerName, "password": password}
	return c.login(ctx, body)
}

func (c *Client) login(ctx context.Context, body map[string]string) (Tokens, error) {
	var out tokenResponse
	req := rest.Request{Method: http.MethodPost, Path: "api/partner/login", Op: opLogin, Body: body, Header: c.scaHeaders(SCA{})}
	if err := c.do(ctx, req, &out); err != nil {
		return Tokens{}, err
	}
	return out.tokens(), nil
}

// Refresh trades a refresh token for a new pair; the old refresh token is
// spent. It is never retried automatically: a lost answer would leave the
// caller with a spent token either way, and logging in again is the cure.
func (c *Client) Refresh(ctx context.Context, refreshToken string) (Tokens, error) {
	var out tokenResponse
	req := rest.Request{Method: http.MethodPost, Path: "api/partner/refresh", Op: opRefresh,
		Body: map[string]string{"refreshToken": refreshToken}, Header: c.scaHeaders(SCA{}), Retry: rest.RetryNever}
	if err := c.do(ctx, req, &out); err != nil {
		return Tokens{}, err
	}
	return out.tokens(), nil
}
