package weavr

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/assets"
)

// ReferencePlaceholder is replaced by the KYC reference in a KYC page
// template.
const ReferencePlaceholder = "{reference}"

// TermsVersion is the version recorded for the partner's terms: Weavr keeps
// only a yes (acceptedTerms) and shows its own terms in the KYC component.
const TermsVersion = "1.0"

// ProviderOptions configure the flow adapter.
type ProviderOptions struct {
	// ProfileID is the consumer profile new consumers are created in
	// (the Multi Portal's API Credentials page).
	ProfileID string
	// KYCPage is the partner's page that embeds Weavr's KYC component,
	// with {reference} where the reference goes, e.g.
	// "https://partner.example/kyc?reference={reference}". The wizard
	// shows it as the QR code.
	KYCPage string
	// BaseCurrency of new consumers ("EUR" when empty).
	BaseCurrency string
}

// Provider adapts the client to the provider-neutral operations the flow
// uses. It is the only place that turns Weavr's wire types into api types.
type Provider struct {
	c    *Client
	opts ProviderOptions
}

// NewProvider wraps c.
func NewProvider(c *Client, opts ProviderOptions) *Provider {
	if opts.BaseCurrency == "" {
		opts.BaseCurrency = "EUR"
	}
	return &Provider{c: c, opts: opts}
}

// Name returns "weavr".
func (p *Provider) Name() string { return Name }

// Client returns the underlying API client.
func (p *Provider) Client() *Client { return p.c }

// Needs: Weavr wants the names, email, date of birth and country up front,
// sets the password without an SMS secret, logs in by email, and its
// sessions cannot be refreshed.
func (p *Provider) Needs() api.Needs {
	return api.Needs{Names: true, Email: true, BirthDate: true, Country: true, LoginByEmail: true}
}

// Terms returns the partner's terms: Weavr serves none of its own.
func (p *Provider) Terms(_ context.Context, lang string) (api.Terms, error) {
	text, used := assets.Terms(lang)
	return api.Terms{Version: TermsVersion, Content: text, Lang: used}, nil
}

// AcceptTerms has nothing to send: Weavr records the acceptance with the
// consumer's creation.
func (p *Provider) AcceptTerms(context.Context, api.Session, string) error { return nil }

// Register creates the consumer. The idempotency reference is derived from
// the person's details, so that trying again after a lost answer finds the
// consumer created then instead of making a second one.
func (p *Provider) Register(ctx context.Context, r api.Registration) (api.Registered, error) {
	ip := r.IPAddress
	if ip == "" {
		ip = "127.0.0.1"
	}
	params := CreateConsumerParams{
		ProfileID: p.opts.ProfileID,
		RootUser: RootUserParams{Name: r.FirstName, Surname: r.LastName, Email: r.Email,
			Mobile:      Mobile{CountryCode: "+" + r.Phone.CallingCode, Number: r.Phone.National},
			DateOfBirth: Date{Year: r.BirthDate.Year, Month: r.BirthDate.Month, Day: r.BirthDate.Day},
			Address:     Address{Country: r.Country}},
		IPAddress: ip, AcceptedTerms: r.TermsVersion != "", BaseCurrency: p.opts.BaseCurrency,
	}
	c, err := p.c.CreateConsumer(ctx, params, idempotencyRef(params))
	if err != nil {
		return api.Registered{}, err
	}
	return api.Registered{ConsumerID: api.SanitizeLine(c.ID.ID)}, nil
}

func idempotencyRef(p CreateConsumerParams) string {
	u := p.RootUser
	h := sha256.Sum256(fmt.Appendf(nil, "onboard|%s|%s|%s%s|%04d-%02d-%02d", p.ProfileID, strings.ToLower(u.Email),
		u.Mobile.CountryCode, u.Mobile.Number, u.DateOfBirth.Year, u.DateOfBirth.Month, u.DateOfBirth.Day))
	return "onboard-" + hex.EncodeToString(h[:16])
}

var errNoSecret = errors.New("weavr: passwords are created without an SMS secret")

// SendSecret is not part of Weavr's plan.
func (p *Provider) SendSecret(context.Context, api.Who) error { return errNoSecret }

// SetPassword creates the root user's first password; Weavr answers with a
// token, which is the session.
func (p *Provider) SetPassword(ctx context.Context, who api.Who, _, password string) (api.Session, error) {
	if who.ConsumerID == "" {
		return api.Session{}, errors.New("weavr: creating a password needs the consumer's id; register first")
	}
	l, err := p.c.CreatePassword(ctx, who.ConsumerID, password)
	if e, ok := api.AsError(err); ok && e.Code == CodePasswordCreated {
		return api.Session{}, nil // set before (a resumed run): the login step follows
	}
	if err != nil {
		return api.Session{}, err
	}
	return session(l, who.ConsumerID), nil
}

// Login logs in with the email address.
func (p *Provider) Login(ctx context.Context, who api.Who, password string) (api.Session, error) {
	if who.Email == "" {
		return api.Session{}, errors.New("weavr: logging in needs the email address")
	}
	l, err := p.c.LoginWithPassword(ctx, who.Email, password)
	if err != nil {
		return api.Session{}, err
	}
	return session(l, who.ConsumerID), nil
}

// session: a Weavr token lives five minutes from its last use, so its
// expiry is not known in advance; ExpiresAt stays zero and a lapsed token
// shows as a 401.
func session(l Login, consumerID string) api.Session {
	id := api.SanitizeLine(l.Identity.ID)
	if id == "" {
		id = consumerID
	}
	return api.Session{Token: l.Token, ConsumerID: id}
}

// Refresh always fails: Weavr has no refresh token; log in again.
func (p *Provider) Refresh(context.Context, api.Session) (api.Session, error) {
	return api.Session{}, &api.Error{Provider: Name, Op: "refresh", Kind: api.KindUnauthorized,
		Message: "Weavr sessions cannot be refreshed; log in again"}
}

// Logout ends the session at Weavr.
func (p *Provider) Logout(ctx context.Context, s api.Session) error { return p.c.Logout(ctx, s.Token) }

// Snapshot reads the consumer and its KYC status.
func (p *Provider) Snapshot(ctx context.Context, s api.Session) (api.Snapshot, error) {
	c, err := p.c.GetConsumer(ctx, s.Token)
	if err != nil {
		return api.Snapshot{}, err
	}
	k, err := p.c.GetKYC(ctx, s.Token)
	if err != nil {
		return api.Snapshot{}, err
	}
	return SnapshotOf(c, k), nil
}

// SnapshotOf converts a consumer and its KYC, sanitizing their text.
func SnapshotOf(c *Consumer, k KYC) api.Snapshot {
	line := api.SanitizeLine
	u := c.RootUser
	yes := map[bool]string{true: "yes", false: "no"}
	return api.Snapshot{
		ConsumerID: line(c.ID.ID), Phone: line(u.Mobile.CountryCode + u.Mobile.Number),
		PhoneValidated: u.MobileNumberVerified, PasswordSet: true, TermsAccepted: c.AcceptedTerms,
		FirstName: line(u.Name), LastName: line(u.Surname), Email: line(u.Email), EmailVerified: u.EmailVerified,
		KYC: kycStatus(k.FullDueDiligence), Account: account(u.Active, k.FullDueDiligence),
		Statuses: []api.StatusItem{
			{Name: "kyc", Value: api.OneOf(k.FullDueDiligence, kyiStatuses()...)},
			{Name: "ongoing", Value: api.OneOf(k.OngoingFullDueDiligence, kyiStatuses()...)},
			{Name: "mobile", Value: map[bool]string{true: "verified", false: "not verified"}[u.MobileNumberVerified]},
			{Name: "active", Value: yes[u.Active]},
		},
	}
}

func kycStatus(s string) api.KYCStatus {
	switch s {
	case KYCNotStarted, "":
		return api.KYCNotStarted
	case KYCInitiated:
		return api.KYCCreated
	case KYCPendingReview:
		return api.KYCPendingReview
	case KYCApproved:
		return api.KYCApproved
	case KYCRejected:
		return api.KYCDeclined
	}
	return api.KYCStatus(api.Unknown(s))
}

// kyiStatuses are the documented due diligence statuses (KyiStatus).
func kyiStatuses() []string {
	return []string{KYCNotStarted, KYCInitiated, KYCPendingReview, KYCApproved, KYCRejected}
}

// account is where Weavr leaves the account: active once the root user is
// active and the due diligence approved.
func account(active bool, kyi string) api.Account {
	if active && kyi == KYCApproved {
		return api.AccountActive
	}
	return api.AccountPending
}

// StartKYC starts the due diligence and turns the reference into the
// partner's KYC page. A check already approved, under review or rejected
// gives no new link; the status says which.
func (p *Provider) StartKYC(ctx context.Context, s api.Session) (api.KYCLink, error) {
	if !strings.Contains(p.opts.KYCPage, ReferencePlaceholder) {
		return api.KYCLink{}, fmt.Errorf("weavr: no KYC page: set --kyc-page to your page that embeds Weavr's KYC component, with %s in it", ReferencePlaceholder)
	}
	start, err := p.c.StartKYC(ctx, s.Token)
	if e, ok := api.AsError(err); ok {
		switch e.Code {
		case CodeKYCApproved:
			return api.KYCLink{Status: api.KYCApproved}, nil
		case CodeKYCPendingReview:
			return api.KYCLink{Status: api.KYCPendingReview}, nil
		case CodeKYCRejected:
			return api.KYCLink{Status: api.KYCDeclined}, nil
		}
	}
	if err != nil {
		return api.KYCLink{}, err
	}
	ref := api.SanitizeLine(start.Reference)
	if ref == "" {
		return api.KYCLink{}, errors.New("weavr: the KYC answer has no reference")
	}
	return api.KYCLink{ID: ref, URL: strings.ReplaceAll(p.opts.KYCPage, ReferencePlaceholder, url.QueryEscape(ref)), Status: api.KYCCreated}, nil
}

// KYCStatus reads the consumer's due diligence status (Weavr has one per
// consumer, so the id is not needed).
func (p *Provider) KYCStatus(ctx context.Context, s api.Session, _ string) (api.KYCStatus, error) {
	k, err := p.c.GetKYC(ctx, s.Token)
	if err != nil {
		return "", err
	}
	return kycStatus(k.FullDueDiligence), nil
}

var errEmailByCode = errors.New("weavr: the email address is verified with a code, not a link")

// SetEmail is not part of Weavr's plan: the address is given at
// registration and verified with a code.
func (p *Provider) SetEmail(context.Context, api.Session, string) error { return errEmailByCode }

// SendEmailVerification is not part of Weavr's plan (see SendCode).
func (p *Provider) SendEmailVerification(context.Context, api.Session) error { return errEmailByCode }

// SendCode emails a code to the address, or enrols the mobile for SMS
// codes, which texts one. An address or a mobile already verified counts
// as sent.
func (p *Provider) SendCode(ctx context.Context, s api.Session, ch api.Channel, to string) error {
	var err error
	if ch == api.ChannelEmail {
		err = p.c.SendEmailCode(ctx, to)
	} else {
		err = p.c.EnrolSMS(ctx, s.Token)
	}
	if e, ok := api.AsError(err); ok && (e.Code == CodeAlreadyVerified || e.Code == CodeChannelRegistered) {
		return nil
	}
	return err
}

// VerifyCode checks a code sent by SendCode.
func (p *Provider) VerifyCode(ctx context.Context, s api.Session, ch api.Channel, to, code string) error {
	if ch == api.ChannelEmail {
		return p.c.VerifyEmail(ctx, to, code)
	}
	return p.c.VerifySMS(ctx, s.Token, code)
}
