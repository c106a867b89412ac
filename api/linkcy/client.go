// Package linkcy is a client for the LinkCy partner API (the onboarding
// subset: terms, consumers, credentials, phone and email verification, KYC),
// as LinkCy's partner documentation describes it and compiled into an
// OpenAPI file (openapi.yaml here; docs/ARCHITECTURE.md, "Sources"). It speaks to LinkCy and to the embedded sandbox alike.
//
// Methods take the access token per call: the client holds no per-user
// state and is safe for concurrent use.
package linkcy

import (
	"context"
	"strings"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/internal/rest"
)

// Name is the provider name used in errors and logs.
const Name = "linkcy"

// Client calls the LinkCy partner API.
type Client struct {
	rest    *rest.Client
	sandbox bool
}

// New builds a client from cfg.
func New(cfg api.Config) (*Client, error) {
	rc, err := rest.New(Name, cfg, checkResponse)
	if err != nil {
		return nil, err
	}
	return &Client{rest: rc, sandbox: cfg.Sandbox}, nil
}

// BaseURL returns the API root the client calls, ending in "/".
func (c *Client) BaseURL() string { return c.rest.BaseURL() }

func (c *Client) do(ctx context.Context, req rest.Request, out any) error {
	return c.rest.Do(ctx, req, out) //nolint:wrapcheck // already an *api.Error with the op
}

// PhoneDigits turns a phone in any common written form ("+33 6 12…",
// "0033…", "33612…") into the digits-only form LinkCy wants for
// consumerPhone: calling code and national number, no "+".
func PhoneDigits(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "+")
	d := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
	return strings.TrimPrefix(d, "00")
}
