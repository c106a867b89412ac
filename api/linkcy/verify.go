package linkcy

import (
	"context"
	"net/http"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/internal/rest"
)

const (
	opPhoneSend  = "POST /api/partner/verifications/phone/send"
	opPhoneCheck = "POST /api/partner/verifications/phone/verify"
	opEmailSend  = "POST /api/partner/verifications/email/send"
	opTerms      = "GET /api/partner/terms"
)

// SendPhoneVerification texts a 6-digit code to the consumer (needed only
// after a phone change: the password secret already proves the phone).
// consumerID may be empty with a consumer token.
func (c *Client) SendPhoneVerification(ctx context.Context, token, consumerID string) (TTL, error) {
	body := map[string]string{}
	if consumerID != "" {
		body["consumerId"] = consumerID
	}
	var out TTL
	err := c.do(ctx, rest.Request{Method: http.MethodPost, Path: "api/partner/verifications/phone/send", Op: opPhoneSend, Body: body, Token: token}, &out)
	return out, err
}

// VerifyPhone checks the 6-digit code. Never retried: each try counts.
func (c *Client) VerifyPhone(ctx context.Context, token, consumerID, code string) error {
	body := map[string]string{"code": code}
	if consumerID != "" {
		body["consumerId"] = consumerID
	}
	return c.do(ctx, rest.Request{Method: http.MethodPost, Path: "api/partner/verifications/phone/verify", Op: opPhoneCheck,
		Body: body, Token: token, Retry: rest.RetryNever}, nil)
}

// SendEmailVerification emails the consumer a verification link.
func (c *Client) SendEmailVerification(ctx context.Context, token string, p EmailVerificationParams) (TTL, error) {
	var out TTL
	err := c.do(ctx, rest.Request{Method: http.MethodPost, Path: "api/partner/verifications/email/send", Op: opEmailSend, Body: p, Token: token}, &out)
	return out, err
}

// GetTerms returns the current terms and conditions in lang ("en", "fr";
// "" for LinkCy's default, English). Server text is sanitized.
func (c *Client) GetTerms(ctx context.Context, lang string) (*Terms, error) {
	req := rest.Request{Method: http.MethodGet, Path: "api/partner/terms", Op: opTerms}
	if lang != "" {
		req.Query = map[string][]string{"language": {lang}}
	}
	var out Terms
	if err := c.do(ctx, req, &out); err != nil {
		return nil, err
	}
	out.Version = api.SanitizeLine(out.Version)
	out.URL = api.SanitizeLine(out.URL)
	out.Content = api.Sanitize(out.Content)
	return &out, nil
}
