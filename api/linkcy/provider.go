package linkcy

import (
	"context"
	"errors"
	"fmt"

	"github.com/onboard-cli/onboard/api"
)

// Provider adapts the client to the provider-neutral operations the flow
// uses. It is the only place that turns LinkCy's wire types into api types.
type Provider struct {
	c       *Client
	partner string
}

// NewProvider wraps c for the given partnerName.
func NewProvider(c *Client, partnerName string) *Provider {
	return &Provider{c: c, partner: partnerName}
}

// Name returns "linkcy".
func (p *Provider) Name() string { return Name }

// Client returns the underlying API client.
func (p *Provider) Client() *Client { return p.c }

// Terms returns the current terms in lang.
func (p *Provider) Terms(ctx context.Context, lang string) (api.Terms, error) {
	t, err := p.c.GetTerms(ctx, lang)
	if err != nil {
		return api.Terms{}, err
	}
	return api.Terms{Version: t.Version, URL: t.URL, Content: t.Content, Lang: lang}, nil
}

// Register creates the consumer anonymously, with the accepted terms
// version. After a lost answer it never makes a second consumer (see
// createSafely); the id is then "" until the login gives it.
func (p *Provider) Register(ctx context.Context, r api.Registration) (api.Registered, error) {
	id, err := p.c.createSafely(ctx, "", CreateConsumerParams{PartnerName: p.partner,
		Phone: Phone{CountryCode: r.Phone.CallingCode, Number: r.Phone.National}, FirstName: r.FirstName, LastName: r.LastName,
		EmailAddress: r.Email, ExternalID: r.ExternalID, LastTermsAccepted: r.TermsVersion}, nil)
	return api.Registered{ConsumerID: id}, err
}

// Needs: the phone is the login, the password is set with an SMS secret,
// names and email are optional, and sessions refresh.
func (p *Provider) Needs() api.Needs { return api.Needs{SMSSecret: true, Refresh: true} }

// SendSecret texts the password secret.
func (p *Provider) SendSecret(ctx context.Context, who api.Who) error {
	return p.c.RequestPasswordSecret(ctx, who.Phone.E164(), p.partner)
}

// SetPassword sets the password with the secret and returns the session.
func (p *Provider) SetPassword(ctx context.Context, who api.Who, secret, password string) (api.Session, error) {
	t, err := p.c.ChangePassword(ctx, who.Phone.E164(), p.partner, secret, password)
	return session(t), err
}

// Login logs the consumer in with the phone.
func (p *Provider) Login(ctx context.Context, who api.Who, password string) (api.Session, error) {
	t, err := p.c.Login(ctx, who.Phone.E164(), p.partner, password)
	return session(t), err
}

// SendCode texts a phone verification code (LinkCy verifies a changed
// phone this way). LinkCy has no email code: it sends a link.
func (p *Provider) SendCode(ctx context.Context, s api.Session, ch api.Channel, _ string) error {
	if ch != api.ChannelSMS {
		return errNoEmailCode
	}
	_, err := p.c.SendPhoneVerification(ctx, s.Token, s.ConsumerID)
	return err
}

// VerifyCode checks a phone verification code.
func (p *Provider) VerifyCode(ctx context.Context, s api.Session, ch api.Channel, _, code string) error {
	if ch != api.ChannelSMS {
		return errNoEmailCode
	}
	return p.c.VerifyPhone(ctx, s.Token, s.ConsumerID, code)
}

var errNoEmailCode = errors.New("linkcy: email addresses are verified with a link, not a code")

// Refresh renews the session with its refresh token.
func (p *Provider) Refresh(ctx context.Context, s api.Session) (api.Session, error) {
	t, err := p.c.Refresh(ctx, s.RefreshToken)
	if err != nil {
		return api.Session{}, err
	}
	out := session(t)
	if out.ConsumerID == "" {
		out.ConsumerID = s.ConsumerID
	}
	return out, nil
}

func session(t Tokens) api.Session {
	return api.Session{Token: t.Token, RefreshToken: t.RefreshToken, ConsumerID: t.EndUserID, ExpiresAt: t.ExpiresAt}
}

// Snapshot reads the consumer's state.
func (p *Provider) Snapshot(ctx context.Context, s api.Session) (api.Snapshot, error) {
	c, err := p.c.GetConsumer(ctx, s.Token, s.ConsumerID)
	if err != nil {
		return api.Snapshot{}, err
	}
	return SnapshotOf(c), nil
}

// SnapshotOf converts a consumer record, sanitizing its text.
func SnapshotOf(c *Consumer) api.Snapshot {
	line := api.SanitizeLine
	return api.Snapshot{
		ConsumerID: line(c.ID), ExternalID: line(c.ExternalID),
		Phone:          "+" + line(PhoneDigits(c.Phone.CountryCode+c.Phone.Number)),
		PhoneValidated: c.Phone.PhoneValidated, TermsAccepted: c.TermsAccepted,
		FirstName: line(c.FirstName), LastName: line(c.LastName),
		Email: line(c.Email.EmailAddress), EmailVerified: c.Email.EmailAddressVerified,
		PasswordSet: c.Phone.PhoneValidated, // the SMS secret that sets it validates the phone
		KYC:         kycStatus(c.KYCInfo.KYCStatus),
		Account:     account(c.Status),
		Statuses:    statuses(c.Status),
	}
}

// statuses are the consumer's statuses, each in its documented enum or
// shown as api.Unknown.
func statuses(s Status) []api.StatusItem {
	return []api.StatusItem{
		{Name: "overall", Value: api.OneOf(s.OverallStatus, "ACTIVE", "INACTIVE")},
		{Name: "linkcy", Value: api.OneOf(s.LinkcyStatus, "PENDING", "FORBIDDEN", "MISSING_DATA", "VALIDATED", "CLOSING")},
		{Name: "banking", Value: api.OneOf(s.BankingStatus, "VALIDATED", "PENDING", "MISSING_DATA", "BLOCKED", "NOT_CREATED")},
		{Name: "compliance", Value: api.OneOf(s.ComplianceStatus, "PENDING", "DECLINED", "PENDING_REVIEW", "VALIDATED")},
		{Name: "suspension", Value: api.OneOf(s.SuspensionStatus, "SUSPENDED", "NOT_SUSPENDED")},
	}
}

// account is where LinkCy's statuses leave the account: active when the
// overall status is ACTIVE and it is explicitly not suspended.
func account(s Status) api.Account {
	switch {
	case s.SuspensionStatus == "SUSPENDED":
		return api.AccountSuspended
	case s.OverallStatus == "ACTIVE" && s.SuspensionStatus == "NOT_SUSPENDED":
		return api.AccountActive
	case s.OverallStatus == "INACTIVE":
		return api.AccountPending
	}
	return api.AccountUnknown
}

func kycStatus(s KYCStatus) api.KYCStatus {
	switch s {
	case KYCValidated:
		return api.KYCApproved
	case KYCCreated:
		return api.KYCCreated
	case KYCProcessing:
		return api.KYCProcessing
	case KYCPendingReview:
		return api.KYCPendingReview
	case KYCDeclined:
		return api.KYCDeclined
	case KYCAborted:
		return api.KYCAborted
	case KYCNotStarted, "":
		return api.KYCNotStarted
	}
	return api.KYCStatus(api.Unknown(string(s)))
}

// AcceptTerms records the accepted terms version on the consumer.
func (p *Provider) AcceptTerms(ctx context.Context, s api.Session, version string) error {
	_, err := p.c.UpdateConsumer(ctx, s.Token, s.ConsumerID, UpdateConsumerParams{LastTermsAccepted: version})
	return err
}

// SetEmail changes the consumer's email address.
func (p *Provider) SetEmail(ctx context.Context, s api.Session, email string) error {
	_, err := p.c.UpdateConsumer(ctx, s.Token, s.ConsumerID, UpdateConsumerParams{EmailAddress: email})
	return err
}

// StartKYC asks for a KYC link.
func (p *Provider) StartKYC(ctx context.Context, s api.Session) (api.KYCLink, error) {
	return kycLink(p.c.CreateKYC(ctx, s.Token, s.ConsumerID))
}

// kycLink turns CreateKYC's answer into a neutral link: a check already
// under review gives no link and says so.
func kycLink(l *KYCLink, err error) (api.KYCLink, error) {
	if e, ok := api.AsError(err); ok && e.Code == CodeKYCInProgress {
		return api.KYCLink{Status: api.KYCPendingReview}, nil
	}
	if err != nil {
		return api.KYCLink{}, err
	}
	if l.URL == "" {
		return api.KYCLink{}, fmt.Errorf("linkcy: the KYC answer has no link")
	}
	return api.KYCLink{ID: api.SanitizeLine(l.ID), URL: api.SanitizeLine(l.URL), Status: api.KYCCreated}, nil
}

// KYCStatus returns the status of the KYC application id.
func (p *Provider) KYCStatus(ctx context.Context, s api.Session, id string) (api.KYCStatus, error) {
	if id == "" {
		snap, err := p.Snapshot(ctx, s)
		return snap.KYC, err
	}
	k, err := p.c.GetKYC(ctx, s.Token, id)
	if err != nil {
		return "", err
	}
	return kycStatus(k.KYCStatus), nil
}

// SendEmailVerification emails the verification link. An address that is
// already verified counts as sent.
func (p *Provider) SendEmailVerification(ctx context.Context, s api.Session) error {
	return emailSent(p.c.SendEmailVerification(ctx, s.Token, EmailVerificationParams{}))
}

// emailSent treats "already verified" as sent.
func emailSent(_ TTL, err error) error {
	if e, ok := api.AsError(err); ok && e.Code == CodeEmailAlreadyValid {
		return nil
	}
	return err
}
