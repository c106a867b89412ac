// Package weavr is a client for the Weavr Multi API (the consumer
// onboarding subset: create a consumer, create its password, log in, verify
// the email and the mobile with codes, start and follow the KYC), as
// documented by Weavr and in its own OpenAPI document (docs/ARCHITECTURE.md,
// "Sources"). It speaks to
// Weavr and to the embedded sandbox alike.
//
// Every call carries the programme's api-key; calls for a user also carry
// the user's token, which the caller passes per call: the client holds no
// per-user state and is safe for concurrent use. A Weavr token lives five
// minutes from its last use and cannot be refreshed.
package weavr

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/internal/rest"
)

// Name is the provider name used in errors and logs.
const Name = "weavr"

// Client calls the Weavr Multi API.
type Client struct {
	rest   *rest.Client
	apiKey string
	// simulator is the sandbox simulator's root (…/simulate/api/), derived
	// from the API URL; empty when it cannot be.
	simulator *rest.Client
}

// New builds a client from cfg and the programme's API key. cfg.BaseURL is
// the Multi API root, e.g. "https://sandbox.weavr.io/multi/".
func New(cfg api.Config, apiKey string) (*Client, error) {
	if strings.TrimSpace(apiKey) == "" {
		return nil, errors.New("weavr: no API key; set ONBOARD_API_KEY")
	}
	rc, err := rest.New(Name, cfg, checkResponse)
	if err != nil {
		return nil, err //nolint:wrapcheck // rest says which provider and why
	}
	c := &Client{rest: rc, apiKey: apiKey}
	if sim := SimulatorURL(rc.BaseURL()); sim != "" {
		scfg := cfg
		scfg.BaseURL = sim
		if c.simulator, err = rest.New(Name, scfg, checkResponse); err != nil {
			return nil, err //nolint:wrapcheck // as above
		}
	}
	return c, nil
}

// SimulatorURL is the sandbox simulator's root beside a Multi API root:
// ".../multi/" becomes ".../simulate/api/". It is "" for any other shape.
func SimulatorURL(multi string) string {
	u, err := url.Parse(multi)
	if err != nil {
		return ""
	}
	p := strings.TrimSuffix(u.Path, "/")
	if !strings.HasSuffix(p, "/multi") {
		return ""
	}
	u.Path = strings.TrimSuffix(p, "multi") + "simulate/api/"
	return u.String()
}

// BaseURL returns the API root the client calls, ending in "/".
func (c *Client) BaseURL() string { return c.rest.BaseURL() }

// headers is the api-key every call carries, plus extra pairs.
func (c *Client) headers(kv ...string) http.Header {
	h := http.Header{"Api-Key": []string{c.apiKey}}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Set(kv[i], kv[i+1])
	}
	return h
}

func (c *Client) do(ctx context.Context, req rest.Request, out any) error {
	if req.Header == nil {
		req.Header = c.headers()
	} else {
		req.Header.Set("Api-Key", c.apiKey)
	}
	return c.rest.Do(ctx, req, out) //nolint:wrapcheck // already an *api.Error with the op
}
