package linkcy

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"strconv"

	"github.com/onboard-cli/onboard/api/internal/rest"
)

const (
	opCreateConsumer   = "POST /api/partner/consumers"
	opGetConsumer      = "GET /api/partner/consumers/{consumerId}"
	opGetConsumerByExt = "GET /api/partner/consumers/external/{externalId}"
	opListConsumers    = "GET /api/partner/consumers"
	opUpdateConsumer   = "PATCH /api/partner/consumers/{consumerId}"
)

// CreateConsumer creates a consumer and returns its id. With token "" the
// call is anonymous and p.PartnerName is required; with a partner token the
// partner name is ignored by LinkCy. It is never retried automatically:
// LinkCy documents no idempotency, so after an unclear failure look the
// consumer up (by phone or external id) before trying again.
func (c *Client) CreateConsumer(ctx context.Context, token string, p CreateConsumerParams) (string, error) {
	var out struct {
		ID string `json:"id"`
	}
	err := c.do(ctx, rest.Request{Method: http.MethodPost, Path: "api/partner/consumers", Op: opCreateConsumer, Body: p, Token: token}, &out)
	return out.ID, err
}

// GetConsumer returns a consumer with all its statuses.
func (c *Client) GetConsumer(ctx context.Context, token, id string) (*Consumer, error) {
	var out Consumer
	if err := c.do(ctx, rest.Request{Method: http.MethodGet, Path: "api/partner/consumers/" + rest.PathEscape(id), Op: opGetConsumer, Token: token}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetConsumerByExternalID returns the consumer the partner knows by externalID.
func (c *Client) GetConsumerByExternalID(ctx context.Context, token, externalID string) (*Consumer, error) {
	var out Consumer
	req := rest.Request{Method: http.MethodGet, Path: "api/partner/consumers/external/" + rest.PathEscape(externalID), Op: opGetConsumerByExt, Token: token}
	if err := c.do(ctx, req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListConsumers returns one page of the partner's consumers.
func (c *Client) ListConsumers(ctx context.Context, token string, p ListConsumersParams) (*ConsumerPage, error) {
	var out ConsumerPage
	if err := c.do(ctx, rest.Request{Method: http.MethodGet, Path: "api/partner/consumers", Op: opListConsumers, Query: p.query(), Token: token}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Consumers iterates over every consumer matching p, page after page,
// starting at p.Page. It stops at the first error, which it yields.
func (c *Client) Consumers(ctx context.Context, token string, p ListConsumersParams) iter.Seq2[Consumer, error] {
	return func(yield func(Consumer, error) bool) {
		q := p // the caller's params are never changed
		for {
			page, err := c.ListConsumers(ctx, token, q)
			if err != nil {
				yield(Consumer{}, err)
				return
			}
			for _, cs := range page.Content {
				if !yield(cs, nil) {
					return
				}
			}
			size := page.PageSize
			if size <= 0 {
				size = len(page.Content)
			}
			if len(page.Content) == 0 || int64(page.Page+1)*int64(size) >= page.TotalElements {
				return
			}
			q.Page = page.Page + 1
		}
	}
}

func (p ListConsumersParams) query() url.Values {
	q := url.Values{}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	set("lastName", p.LastName)
	set("phone", p.Phone)
	set("emailAddress", p.EmailAddress)
	for _, s := range p.KYCStatus {
		q.Add("kycStatus", string(s))
	}
	for k, vs := range map[string][]string{"bankingStatus": p.BankingStatus, "suspensionStatus": p.SuspensionStatus,
		"linkcyStatus": p.LinkcyStatus, "complianceStatus": p.ComplianceStatus} {
		for _, v := range vs {
			q.Add(k, v)
		}
	}
	set("overallStatus", p.OverallStatus)
	set("sortAttribute", p.SortAttribute)
	set("sortDirection", p.SortDirection)
	if p.Page > 0 {
		q.Set("page", strconv.Itoa(p.Page))
	}
	if p.PageSize > 0 {
		q.Set("pageSize", strconv.Itoa(p.PageSize))
	}
	return q
}

// UpdateConsumer patches a consumer (terms version, email, …). A new email
// resets its verified flag. Outside a sandbox LinkCy may answer 202 "waiting
// SCA", which comes back as an error matching api.ErrSCAPending.
func (c *Client) UpdateConsumer(ctx context.Context, token, id string, p UpdateConsumerParams) (*ConsumerUpdate, error) {
	return c.UpdateConsumerSCA(ctx, token, id, p, SCA{})
}

// UpdateConsumerSCA is UpdateConsumer asking for strong customer
// authentication as sca says. A 202 "Waiting SCA" comes back as an
// *api.SCAPendingError with the interaction; a refusal over SCA as an
// *api.SCAError.
func (c *Client) UpdateConsumerSCA(ctx context.Context, token, id string, p UpdateConsumerParams, sca SCA) (*ConsumerUpdate, error) {
	var out ConsumerUpdate
	req := rest.Request{Method: http.MethodPatch, Path: "api/partner/consumers/" + rest.PathEscape(id), Op: opUpdateConsumer,
		Body: p, Token: token, Header: c.scaHeaders(sca)}
	if err := c.do(ctx, req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
