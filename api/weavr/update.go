package weavr

import (
	"context"
	"net/http"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/internal/rest"
)

const opUpdateConsumer = "PATCH /consumers"

// UpdateConsumerParams is the part of Weavr's consumer update onboard
// sends: a new email address or mobile (nil fields stay).
type UpdateConsumerParams struct {
	Email  string  `json:"email,omitempty"`
	Mobile *Mobile `json:"mobile,omitempty"`
}

// UpdateConsumer changes the logged-in consumer's details. Weavr refuses
// a change of email or mobile once the KYC is done (CONSUMER_VERIFIED).
func (c *Client) UpdateConsumer(ctx context.Context, token string, p UpdateConsumerParams) (*Consumer, error) {
	var out Consumer
	req := rest.Request{Method: http.MethodPatch, Path: "consumers", Op: opUpdateConsumer, Body: p, Token: token}
	if err := c.do(ctx, req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ChangeContact changes the consumer's email address or mobile; each is
// then verified again with its code (the plan's email-code and phone-code
// steps). Weavr has no SCA on this call: scaID is never set.
func (p *Provider) ChangeContact(ctx context.Context, s api.Session, c api.Contact, _ string) error {
	params := UpdateConsumerParams{Email: c.Email}
	if c.Phone != (api.Phone{}) {
		params.Mobile = &Mobile{CountryCode: "+" + c.Phone.CallingCode, Number: c.Phone.National}
	}
	_, err := p.c.UpdateConsumer(ctx, s.Token, params)
	return err
}
