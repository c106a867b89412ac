package linkcy

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/onboard-cli/onboard/api"
)

// Partner is the partner's own view of its consumers: it logs in with the
// partner's credentials on first use (and again when the token is about to
// lapse) and looks consumers up. The token lives in memory; a caller may
// keep it between runs (Tokens, UseTokens) when the person asks. A Partner
// is not safe for concurrent use.
type Partner struct {
	c                    *Client
	name, user, password string
	tokens               Tokens
	now                  func() time.Time
}

// NewPartner returns the partner partnerName, who logs in as username.
func NewPartner(c *Client, partnerName, username, password string) *Partner {
	return &Partner{c: c, name: partnerName, user: username, password: password, now: time.Now}
}

// Tokens returns the partner's current tokens (none before the first
// call), for a caller that keeps them between runs when asked.
func (p *Partner) Tokens() Tokens { return p.tokens }

// UseTokens starts the partner with tokens kept from an earlier run; once
// they lapse it logs in again (which needs the password).
func (p *Partner) UseTokens(t Tokens) { p.tokens = t }

// token returns a partner token good for at least a minute.
func (p *Partner) token(ctx context.Context) (string, error) {
	if p.tokens.Token != "" && !p.tokens.ExpiresWithin(time.Minute, p.now()) {
		return p.tokens.Token, nil
	}
	t, err := p.c.PartnerLogin(ctx, p.user, p.name, p.password)
	if err != nil {
		return "", fmt.Errorf("partner login as %q: %w", p.user, err)
	}
	p.tokens = t
	return t.Token, nil
}

// Find returns the consumer q names, as the partner sees it. A consumer
// that does not exist (or is another partner's) is an error matching
// api.ErrNotFound.
func (p *Partner) Find(ctx context.Context, q api.Lookup) (api.Snapshot, error) {
	tok, err := p.token(ctx)
	if err != nil {
		return api.Snapshot{}, err
	}
	var c *Consumer
	switch {
	case q.ConsumerID != "":
		c, err = p.c.GetConsumer(ctx, tok, q.ConsumerID)
	case q.ExternalID != "":
		c, err = p.c.GetConsumerByExternalID(ctx, tok, q.ExternalID)
	case q.Phone != "":
		c, err = p.first(ctx, tok, ListConsumersParams{Phone: PhoneDigits(q.Phone)}, func(c Consumer) bool {
			return PhoneDigits(c.Phone.CountryCode+c.Phone.Number) == PhoneDigits(q.Phone)
		})
	case q.Email != "":
		c, err = p.first(ctx, tok, ListConsumersParams{EmailAddress: q.Email}, func(c Consumer) bool {
			return strings.EqualFold(c.Email.EmailAddress, q.Email)
		})
	default:
		return api.Snapshot{}, errors.New("linkcy: a lookup needs a consumer id, an external id, a phone or an email")
	}
	if err != nil {
		return api.Snapshot{}, fmt.Errorf("looking up %s: %w", q, err)
	}
	return SnapshotOf(c), nil
}

// first returns the first consumer of the search that matches exactly:
// LinkCy's search filters match parts of a value.
func (p *Partner) first(ctx context.Context, tok string, params ListConsumersParams, match func(Consumer) bool) (*Consumer, error) {
	params.PageSize = 100
	for c, err := range p.c.Consumers(ctx, tok, params) {
		if err != nil {
			return nil, err
		}
		if match(c) {
			return &c, nil
		}
	}
	return nil, &api.Error{Provider: Name, Op: opListConsumers, Kind: api.KindNotFound, Message: "no consumer matches"}
}

// Search returns one page of the partner's consumers matching s.
func (p *Partner) Search(ctx context.Context, s api.Search) (api.ConsumerPage, error) {
	tok, err := p.token(ctx)
	if err != nil {
		return api.ConsumerPage{}, err
	}
	params := ListConsumersParams{LastName: s.LastName, Phone: PhoneDigits(s.Phone), EmailAddress: s.Email,
		OverallStatus: s.Overall, Page: s.Page, PageSize: s.PageSize, SortAttribute: "UPDATE_DATE", SortDirection: "DESC"}
	if s.KYC != "" {
		params.KYCStatus = []KYCStatus{wireKYC(s.KYC)}
	}
	for _, f := range []struct {
		v  string
		to *[]string
	}{{s.Banking, &params.BankingStatus}, {s.LinkCy, &params.LinkcyStatus}, {s.Compliance, &params.ComplianceStatus}, {s.Suspension, &params.SuspensionStatus}} {
		if f.v != "" {
			*f.to = []string{f.v}
		}
	}
	page, err := p.c.ListConsumers(ctx, tok, params)
	if err != nil {
		return api.ConsumerPage{}, fmt.Errorf("searching consumers: %w", err)
	}
	out := api.ConsumerPage{Page: page.Page, PageSize: page.PageSize, Total: int(page.TotalElements)}
	for i := range page.Content {
		out.Consumers = append(out.Consumers, SnapshotOf(&page.Content[i]))
	}
	return out, nil
}

// wireKYC is LinkCy's name for a neutral KYC status.
func wireKYC(s api.KYCStatus) KYCStatus {
	if s == api.KYCApproved {
		return KYCValidated
	}
	return KYCStatus(s) // the other names are LinkCy's own
}

// StartKYC asks for a new KYC link for the consumer, as the partner (a
// support agent shows it as a QR code for the customer's phone).
func (p *Partner) StartKYC(ctx context.Context, consumerID string) (api.KYCLink, error) {
	tok, err := p.token(ctx)
	if err != nil {
		return api.KYCLink{}, err
	}
	return kycLink(p.c.CreateKYC(ctx, tok, consumerID))
}

// SendEmailVerification sends the consumer a new email verification link.
func (p *Partner) SendEmailVerification(ctx context.Context, consumerID string) error {
	tok, err := p.token(ctx)
	if err != nil {
		return err
	}
	return emailSent(p.c.SendEmailVerification(ctx, tok, EmailVerificationParams{ConsumerID: consumerID}))
}

// Register creates a consumer on the customer's behalf, as the partner
// (with the partner's externalId when given), and returns its id.
func (p *Partner) Register(ctx context.Context, r api.Registration) (string, error) {
	tok, err := p.token(ctx)
	if err != nil {
		return "", err
	}
	params := CreateConsumerParams{Phone: Phone{CountryCode: r.Phone.CallingCode, Number: r.Phone.National},
		FirstName: r.FirstName, LastName: r.LastName, EmailAddress: r.Email, ExternalID: r.ExternalID, LastTermsAccepted: r.TermsVersion}
	// After a lost answer, look the consumer up by external id, else by
	// phone, before creating it again.
	q := api.Lookup{ExternalID: r.ExternalID}
	if q.ExternalID == "" {
		q.Phone = r.Phone.E164()
	}
	return p.c.createSafely(ctx, tok, params, func(ctx context.Context) (string, bool, error) {
		snap, err := p.Find(ctx, q)
		switch {
		case errors.Is(err, api.ErrNotFound):
			return "", false, nil
		case err != nil:
			return "", false, err
		}
		return snap.ConsumerID, true, nil
	})
}

// Login logs the partner in now (it otherwise does on first use), so a
// wrong password is known before anything else.
func (p *Partner) Login(ctx context.Context) error {
	_, err := p.token(ctx)
	return err
}
