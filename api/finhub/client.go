// Package finhub is a client for FinHub's BaaS API v2.1, the individual
// (B2C) onboarding subset: the categorisation hierarchy, registration,
// sessions (create, refresh, end), identity verification with uploaded
// documents, the three consents, the activation check and the activation
// with the emailed code (FinHub's v2.1 documentation; docs/ARCHITECTURE.md, "Sources"). FinHub
// publishes no OpenAPI file; api/finhub/openapi.yaml was compiled for
// these operations from its documentation, with what the documentation
// does not show marked x-inferred. It speaks to FinHub and to the
// embedded sandbox alike.
//
// Every call carries the tenant's headers (X-Tenant-ID, X-Forwarded-For,
// X-Forwarded-From, User-Agent, platform, deviceId). Answers come in an
// envelope {code, message, data}; a business error may come as HTTP 200
// with success false, and is an error here all the same. The client holds
// no per-user state and is safe for concurrent use.
package finhub

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/internal/rest"
)

// Name is the provider name used in errors and logs.
const Name = "finhub"

// Tenant is who the client calls for: FinHub's tenant id, and the tenant
// key and secret a customer session is opened with.
type Tenant struct {
	ID     string
	Key    string
	Secret string
}

// Device describes the caller as FinHub's global request filter wants it.
type Device struct {
	// ForwardedFor is the end user's IP address (X-Forwarded-For), which
	// FinHub records for compliance.
	ForwardedFor string
	// Source is X-Forwarded-From, the calling application ("onboard").
	Source string
	// Platform and DeviceID are the platform and deviceId headers.
	Platform, DeviceID string
}

// Client calls the FinHub API.
type Client struct {
	rest   *rest.Client
	tenant Tenant
	device Device
}

// New builds a client. cfg.BaseURL is the API root below which "customer/…"
// and "verifications/…" live, e.g. "https://sandbox.finhub.cloud/api/v2.1/".
func New(cfg api.Config, tenant Tenant, device Device) (*Client, error) {
	if strings.TrimSpace(tenant.ID) == "" {
		return nil, errors.New("finhub: no tenant id; set --tenant-id or ONBOARD_TENANT_ID")
	}
	rc, err := rest.New(Name, cfg, checkResponse)
	if err != nil {
		return nil, err //nolint:wrapcheck // rest says which provider and why
	}
	if device.ForwardedFor == "" {
		device.ForwardedFor = "127.0.0.1"
	}
	if device.Source == "" {
		device.Source = "onboard"
	}
	if device.Platform == "" {
		device.Platform = "cli"
	}
	if device.DeviceID == "" {
		device.DeviceID = "onboard-cli"
	}
	return &Client{rest: rc, tenant: tenant, device: device}, nil
}

// BaseURL returns the API root the client calls, ending in "/".
func (c *Client) BaseURL() string { return c.rest.BaseURL() }

// TenantID returns the tenant the client calls for.
func (c *Client) TenantID() string { return c.tenant.ID }

// envelope is FinHub's answer: {code, message, data}, and on some
// endpoints {success, code, timestamp, message, data}.
type envelope struct {
	Success *bool           `json:"success"`
	Code    json.Number     `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data"`
}

// do sends req with the tenant's headers and decodes the envelope's data
// into out (which may be nil).
func (c *Client) do(ctx context.Context, req rest.Request, out any) error {
	h := http.Header{}
	h.Set("X-Tenant-ID", c.tenant.ID)
	h.Set("X-Forwarded-For", c.device.ForwardedFor)
	h.Set("X-Forwarded-From", c.device.Source)
	h.Set("platform", c.device.Platform)
	h.Set("deviceId", c.device.DeviceID)
	for k, v := range req.Header {
		h[k] = v
	}
	req.Header = h
	var env envelope
	if err := c.rest.Do(ctx, req, &env); err != nil {
		return err //nolint:wrapcheck // already an *api.Error with the op
	}
	if out == nil || len(env.Data) == 0 || string(env.Data) == "null" {
		return nil
	}
	if err := json.Unmarshal(env.Data, out); err != nil {
		return &api.Error{Provider: Name, Op: req.Op, Status: http.StatusOK, Kind: api.KindUnavailable,
			Message: "the answer was not the JSON expected", Err: err}
	}
	return nil
}
