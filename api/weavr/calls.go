package weavr

import (
	"context"
	"net/http"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/internal/rest"
)

// Operation names, as errors and logs show them.
const (
	opCreateConsumer = "POST /consumers"
	opGetConsumer    = "GET /consumers"
	opCreatePassword = "POST /passwords/{user_id}/create"
	opLogin          = "POST /login_with_password"
	opLogout         = "POST /logout"
	opEmailSend      = "POST /consumers/verification/email/send"
	opEmailVerify    = "POST /consumers/verification/email/verify"
	opOTPEnrol       = "POST /authentication_factors/otp/{channel}"
	opOTPVerify      = "POST /authentication_factors/otp/{channel}/verify"
	opStartKYC       = "POST /consumers/kyc"
	opGetKYC         = "GET /consumers/kyc"
	opSimulateVerify = "POST /consumers/{consumer_id}/verify"
)

// CreateConsumer registers a consumer. idempotencyRef, sent as the
// idempotency-ref header, makes a retry after a lost answer return the
// consumer already created instead of a second one; with it the call is
// retried on transport failures.
func (c *Client) CreateConsumer(ctx context.Context, p CreateConsumerParams, idempotencyRef string) (*Consumer, error) {
	req := rest.Request{Method: http.MethodPost, Path: "consumers", Op: opCreateConsumer, Body: p, Retry: rest.RetryNever}
	if idempotencyRef != "" {
		req.Header = c.headers("Idempotency-Ref", idempotencyRef)
		req.Retry = rest.RetrySafe
	}
	var out Consumer
	if err := c.do(ctx, req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetConsumer reads the logged-in consumer.
func (c *Client) GetConsumer(ctx context.Context, token string) (*Consumer, error) {
	var out Consumer
	if err := c.do(ctx, rest.Request{Method: http.MethodGet, Path: "consumers", Op: opGetConsumer, Token: token}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CreatePassword sets the first password of user userID (the root user's
// id) and returns the token Weavr opens with it.
func (c *Client) CreatePassword(ctx context.Context, userID, password string) (Login, error) {
	var out passwordCreated
	if err := api.CheckID(Name, opCreatePassword, "user id", userID, api.IDDigits); err != nil {
		return Login{}, err
	}
	err := c.do(ctx, rest.Request{Method: http.MethodPost, Path: "passwords/" + rest.PathEscape(userID) + "/create", Op: opCreatePassword,
		Body: map[string]secretValue{"password": {Value: password}}, Retry: rest.RetryNever}, &out)
	if err != nil {
		return Login{}, err
	}
	return Login{Token: out.Token, Identity: out.PasswordInfo.IdentityID}, nil
}

// LoginWithPassword logs a user in by email and password.
func (c *Client) LoginWithPassword(ctx context.Context, email, password string) (Login, error) {
	var out Login
	err := c.do(ctx, rest.Request{Method: http.MethodPost, Path: "login_with_password", Op: opLogin,
		Body: map[string]any{"email": email, "password": secretValue{Value: password}}, Retry: rest.RetryNever}, &out)
	return out, err
}

// Logout ends the token's session.
func (c *Client) Logout(ctx context.Context, token string) error {
	return c.do(ctx, rest.Request{Method: http.MethodPost, Path: "logout", Op: opLogout, Token: token, Retry: rest.RetryNever}, nil)
}

// SendEmailCode emails a verification code to a root user's address.
func (c *Client) SendEmailCode(ctx context.Context, email string) error {
	return c.do(ctx, rest.Request{Method: http.MethodPost, Path: "consumers/verification/email/send", Op: opEmailSend,
		Body: map[string]string{"email": email}, Retry: rest.RetryNever}, nil)
}

// VerifyEmail checks the emailed code.
func (c *Client) VerifyEmail(ctx context.Context, email, code string) error {
	return c.do(ctx, rest.Request{Method: http.MethodPost, Path: "consumers/verification/email/verify", Op: opEmailVerify,
		Body: map[string]string{"email": email, "verificationCode": code}, Retry: rest.RetryNever}, nil)
}

// EnrolSMS enrols the user's mobile for SMS one-time passwords, which
// texts a code to verify it.
func (c *Client) EnrolSMS(ctx context.Context, token string) error {
	return c.do(ctx, rest.Request{Method: http.MethodPost, Path: "authentication_factors/otp/SMS", Op: opOTPEnrol,
		Token: token, Retry: rest.RetryNever}, nil)
}

// VerifySMS checks the texted code, which verifies the mobile number.
func (c *Client) VerifySMS(ctx context.Context, token, code string) error {
	return c.do(ctx, rest.Request{Method: http.MethodPost, Path: "authentication_factors/otp/SMS/verify", Op: opOTPVerify,
		Token: token, Body: map[string]string{"verificationCode": code}, Retry: rest.RetryNever}, nil)
}

// StartKYC starts the due diligence and returns the reference for the KYC
// UI component.
func (c *Client) StartKYC(ctx context.Context, token string) (KYCStart, error) {
	var out KYCStart
	err := c.do(ctx, rest.Request{Method: http.MethodPost, Path: "consumers/kyc", Op: opStartKYC, Token: token,
		Body: map[string]any{}, Retry: rest.RetryNever}, &out)
	return out, err
}

// GetKYC reads the KYC status.
func (c *Client) GetKYC(ctx context.Context, token string) (KYC, error) {
	var out KYC
	err := c.do(ctx, rest.Request{Method: http.MethodGet, Path: "consumers/kyc", Op: opGetKYC, Token: token}, &out)
	return out, err
}

// SimulateKYCApproved asks the sandbox simulator to approve a consumer's
// KYC (and verify its email and mobile), as Weavr's sandbox does. It
// works only on a sandbox.
func (c *Client) SimulateKYCApproved(ctx context.Context, consumerID string) error {
	if c.simulator == nil {
		return &simulatorMissing{}
	}
	if err := api.CheckID(Name, opSimulateVerify, "consumer id", consumerID, api.IDDigits); err != nil {
		return err
	}
	return c.simulator.Do(ctx, rest.Request{Method: http.MethodPost, Path: "consumers/" + rest.PathEscape(consumerID) + "/verify",
		Op: opSimulateVerify, Body: map[string]any{}, Header: http.Header{"Programme-Key": []string{c.apiKey}}, Retry: rest.RetryNever}, nil) //nolint:wrapcheck // an *api.Error
}

type simulatorMissing struct{}

func (*simulatorMissing) Error() string {
	return "weavr: the simulator is beside a …/multi/ API URL, and this one is not"
}
