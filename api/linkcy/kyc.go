package linkcy

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/internal/rest"
)

const (
	opCreateKYC = "POST /api/partner/kyc"
	opGetKYC    = "GET /api/partner/kyc/{kycId}"
	opListKYC   = "GET /api/partner/kyc"
)

// CreateKYC asks for a KYC link (accessType LINK) for a consumer whose phone
// is validated. consumerID is ignored by LinkCy for a consumer token.
func (c *Client) CreateKYC(ctx context.Context, token, consumerID string) (*KYCLink, error) {
	p := CreateKYCParams{ConsumerID: consumerID, KYCConfiguration: KYCConfigReq{AccessType: "LINK"}}
	var out KYCLink
	if err := c.do(ctx, rest.Request{Method: http.MethodPost, Path: "api/partner/kyc", Op: opCreateKYC, Body: p, Token: token}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetKYC returns one KYC application.
func (c *Client) GetKYC(ctx context.Context, token, kycID string) (*KYCApplication, error) {
	var out KYCApplication
	if err := api.CheckID(Name, opGetKYC, "KYC id", kycID, api.IDUUID); err != nil {
		return nil, err
	}
	if err := c.do(ctx, rest.Request{Method: http.MethodGet, Path: "api/partner/kyc/" + rest.PathEscape(kycID), Op: opGetKYC, Token: token}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListKYC returns one page of KYC applications.
func (c *Client) ListKYC(ctx context.Context, token string, p ListKYCParams) (*KYCPage, error) {
	q := url.Values{}
	if p.PersonType != "" {
		q.Set("personType", p.PersonType)
	}
	if p.PersonID != "" {
		q.Set("personId", p.PersonID)
	}
	if p.KYCStatus != "" {
		q.Set("kycStatus", string(p.KYCStatus))
	}
	if p.Page > 0 {
		q.Set("page", strconv.Itoa(p.Page))
	}
	if p.PageSize > 0 {
		q.Set("pageSize", strconv.Itoa(p.PageSize))
	}
	var out KYCPage
	if err := c.do(ctx, rest.Request{Method: http.MethodGet, Path: "api/partner/kyc", Op: opListKYC, Query: q, Token: token}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
