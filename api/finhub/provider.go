package finhub

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/assets"
)

// TermsVersion is the version each of the three consents is accepted at:
// the tenant's documents, which FinHub does not serve.
const TermsVersion = "1.0"

// VerificationPlaceholder is replaced by the verification id in a review
// page template.
const VerificationPlaceholder = "{verification}"

// ProviderOptions configure the flow adapter.
type ProviderOptions struct {
	// ReviewPage, when set, is a page where the verification is reviewed,
	// with {verification} where its id goes: the sandbox's approve and
	// reject page. FinHub's own review is by its staff, with no page.
	ReviewPage string
}

// Provider adapts the client to the provider-neutral operations the flow
// uses. It is the only place that turns FinHub's wire types into api types.
type Provider struct {
	c    *Client
	opts ProviderOptions
}

// NewProvider wraps c.
func NewProvider(c *Client, opts ProviderOptions) *Provider { return &Provider{c: c, opts: opts} }

// Name returns "finhub".
func (p *Provider) Name() string { return Name }

// Client returns the underlying API client.
func (p *Provider) Client() *Client { return p.c }

// Needs: FinHub registers names, email, phone, birth date, gender and
// nationality with the password, logs in by email under the customer's
// user, refreshes sessions, and checks identity with uploaded documents.
func (p *Provider) Needs() api.Needs {
	return api.Needs{Names: true, Email: true, BirthDate: true, Gender: true, Nationality: true,
		PasswordAtRegister: true, LoginByEmail: true, Refresh: true, Documents: true, NoLookup: true}
}

var errNotInPlan = errors.New("finhub: this step is not part of FinHub's onboarding")

// Terms returns the documents the three consents are for. FinHub serves no
// text of its own: they are the tenant's, and the embedded sample stands
// in for them.
func (p *Provider) Terms(_ context.Context, lang string) (api.Terms, error) {
	text, used := assets.Terms(lang)
	head := "Accepting records three consents with FinHub, each at version " + TermsVersion +
		": these terms and conditions, the privacy policy and the processing of your data.\n\n"
	if used == "fr" {
		head = "Accepter enregistre trois consentements auprès de FinHub, chacun en version " + TermsVersion +
			" : ces conditions générales, la politique de confidentialité et le traitement de vos données.\n\n"
	}
	return api.Terms{Version: TermsVersion, Content: head + text, Lang: used}, nil
}

// AcceptTerms accepts the three consents in FinHub's order: terms,
// privacy, data processing.
func (p *Provider) AcceptTerms(ctx context.Context, s api.Session, version string) error {
	for _, kind := range Consents() {
		if _, err := p.c.AcceptConsent(ctx, s.Token, s.ConsumerID, kind, version); err != nil {
			return err
		}
	}
	return nil
}

// Categories returns the tenant's customer categories, lowest risk first.
func (p *Provider) Categories(ctx context.Context) ([]api.Category, error) {
	h, err := p.c.Hierarchy(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]api.Category, 0, len(h.Categories))
	for key, c := range h.Categories {
		out = append(out, api.Category{ID: api.SanitizeLine(cmp.Or(c.CategoryID, key)), Name: api.SanitizeLine(c.CategoryName),
			Description: api.SanitizeLine(c.Description), Risk: api.SanitizeLine(strings.ToUpper(c.RiskLevel))})
	}
	rank := func(r string) int {
		switch r {
		case "LOW":
			return 0
		case "MEDIUM", "STANDARD":
			return 1
		case "HIGH":
			return 2
		}
		return 3
	}
	slices.SortFunc(out, func(a, b api.Category) int {
		return cmp.Or(cmp.Compare(rank(a.Risk), rank(b.Risk)), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// Register registers the customer with the password. FinHub documents no
// idempotency key and no lookup: after a lost answer, "already registered"
// is the only sign the customer exists.
func (p *Provider) Register(ctx context.Context, r api.Registration) (api.Registered, error) {
	dob := r.BirthDate.String()
	person := Person{FirstName: r.FirstName, LastName: r.LastName, Email: r.Email, DateOfBirth: dob, Gender: r.Gender, Nationality: r.Nationality}
	c, err := p.c.Register(ctx, RegistrationParams{FirstName: r.FirstName, LastName: r.LastName, Email: r.Email, Phone: r.Phone.E164(),
		Password: r.Password, MatchingPassword: r.Password, DateOfBirth: dob, Gender: r.Gender, Nationality: r.Nationality,
		RoleIDs: []string{"ACCOUNT_OWNER", "USER"}, CustomerCategory: CategoryRef{ID: r.Category},
		IndividualCustomer: IndividualCustomer{TenantID: p.c.TenantID(), CustomerName: strings.TrimSpace(r.FirstName + " " + r.LastName), Person: person}})
	if err != nil {
		return api.Registered{}, err
	}
	return api.Registered{ConsumerID: api.SanitizeLine(c.ID), UserID: api.SanitizeLine(c.User.ID)}, nil
}

// SendSecret is not part of FinHub's plan: the password comes with the
// registration.
func (p *Provider) SendSecret(context.Context, api.Who) error { return errNotInPlan }

// SetPassword is not part of FinHub's plan.
func (p *Provider) SetPassword(context.Context, api.Who, string, string) (api.Session, error) {
	return api.Session{}, errNotInPlan
}

// Login opens a session for the customer's user, with the email address
// as the username.
func (p *Provider) Login(ctx context.Context, who api.Who, password string) (api.Session, error) {
	if who.ConsumerID == "" || who.UserID == "" {
		return api.Session{}, fmt.Errorf("finhub: logging in: %w", api.ErrNoLookup)
	}
	if who.Email == "" {
		return api.Session{}, errors.New("finhub: logging in needs the email address")
	}
	s, err := p.c.CreateSession(ctx, who.ConsumerID, who.UserID, who.Email, password)
	if err != nil {
		return api.Session{}, err
	}
	return p.session(s, who.ConsumerID, who.UserID), nil
}

// session turns a FinHub session into an api.Session.
func (p *Provider) session(s Session, customerID, userID string) api.Session {
	return api.Session{Token: s.Token, RefreshToken: s.RefreshToken, ConsumerID: customerID,
		UserID: cmp.Or(api.SanitizeLine(s.UserID), userID), ExpiresAt: parseExpiry(s.ExpiresAt)}
}

// parseExpiry reads FinHub's expiresAt: a date-time with or without a
// zone (then UTC). An unreadable one is zero: the token is used until
// refused.
func parseExpiry(v string) time.Time {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

// Refresh trades the refresh token for a new session.
func (p *Provider) Refresh(ctx context.Context, s api.Session) (api.Session, error) {
	if s.RefreshToken == "" {
		return api.Session{}, &api.Error{Provider: Name, Op: opRefreshSession, Kind: api.KindUnauthorized, Message: "no refresh token"}
	}
	n, err := p.c.RefreshSession(ctx, s.ConsumerID, s.UserID, s.RefreshToken)
	if err != nil {
		return api.Session{}, err
	}
	return p.session(n, s.ConsumerID, s.UserID), nil
}

// Logout ends the session at FinHub.
func (p *Provider) Logout(ctx context.Context, s api.Session) error {
	return p.c.EndSession(ctx, s.ConsumerID, s.UserID, s.Token)
}

// Snapshot reads where the customer stands from the activation check: the
// verification, the consents, and whether the account is already active.
func (p *Provider) Snapshot(ctx context.Context, s api.Session) (api.Snapshot, error) {
	chk, err := p.c.ActivationCheck(ctx, s.Token, s.ConsumerID)
	if err != nil {
		return api.Snapshot{}, err
	}
	status := api.SanitizeLine(chk.CustomerStatus)
	snap := api.Snapshot{ConsumerID: s.ConsumerID, PasswordSet: true, TermsAccepted: chk.ConsentOK,
		KYC: kycStatus(chk.VerificationStatus), Activated: status == "CS_ACTIVE"}
	// The activation code went to the email address and came back: that
	// proves the address, as a verification link would.
	snap.EmailVerified = snap.Activated
	snap.Account = api.AccountPending
	if snap.Activated {
		snap.Account = api.AccountActive
	}
	if chk.VerificationOK && snap.KYC != api.KYCApproved {
		snap.KYC = api.KYCApproved
	}
	missing := "none"
	if len(chk.MissingConsents) > 0 {
		missing = api.SanitizeLine(strings.Join(chk.MissingConsents, ", "))
	}
	snap.Statuses = []api.StatusItem{
		{Name: "customer", Value: cmp.Or(status, "unknown")},
		{Name: "verification", Value: cmp.Or(api.SanitizeLine(chk.VerificationStatus), "NOT_STARTED")},
		{Name: "missing consents", Value: missing},
		{Name: "risk", Value: cmp.Or(api.SanitizeLine(chk.RiskLevel), "unknown")},
	}
	return snap, nil
}

// kycStatus maps FinHub's verification status to the neutral one.
func kycStatus(s string) api.KYCStatus {
	switch strings.ToUpper(s) {
	case "":
		return api.KYCNotStarted
	case "INITIATED", "PENDING", "PENDING_DOCUMENTS":
		return api.KYCCreated
	case "IN_PROGRESS", "PENDING_REVIEW", "UNDER_REVIEW":
		return api.KYCPendingReview
	case "APPROVED":
		return api.KYCApproved
	case "REJECTED", "DECLINED":
		return api.KYCDeclined
	case "CANCELLED", "EXPIRED":
		return api.KYCAborted
	}
	return api.KYCStatus(api.Unknown(s)) // never counts as approved
}

// StartKYC starts the identity verification, or returns the open one,
// with the documents it still needs. Once none is missing, URL is the
// review page (the sandbox's), or empty: FinHub's staff review it.
func (p *Provider) StartKYC(ctx context.Context, s api.Session) (api.KYCLink, error) {
	v, err := p.c.StartVerification(ctx, s.Token, s.ConsumerID)
	if err != nil {
		return api.KYCLink{}, err
	}
	return p.link(v), nil
}

func (p *Provider) link(v Verification) api.KYCLink {
	l := api.KYCLink{ID: api.SanitizeLine(v.ID), Status: kycStatus(v.Status)}
	for _, d := range v.RequiredDocuments {
		l.Documents = append(l.Documents, api.SanitizeLine(d))
	}
	if len(l.Documents) > 0 && !l.Status.Final() {
		l.Status = api.KYCCreated // documents to upload: it is the person's turn
	}
	if len(l.Documents) == 0 && p.opts.ReviewPage != "" && l.ID != "" {
		l.URL = strings.ReplaceAll(p.opts.ReviewPage, VerificationPlaceholder, l.ID)
	}
	return l
}

// UploadDocument uploads one document to verification kycID.
func (p *Provider) UploadDocument(ctx context.Context, s api.Session, kycID string, d api.Document) error {
	if len(d.Content) == 0 {
		return fmt.Errorf("finhub: %s is empty", d.FileName)
	}
	return p.c.UploadDocument(ctx, s.Token, s.ConsumerID, kycID, d.Type, d.FileName, cmp.Or(d.MimeType, "application/octet-stream"), d.Content)
}

// KYCStatus reads the verification's status.
func (p *Provider) KYCStatus(ctx context.Context, s api.Session, id string) (api.KYCStatus, error) {
	if id == "" {
		snap, err := p.Snapshot(ctx, s)
		return snap.KYC, err
	}
	v, err := p.c.Verification(ctx, s.Token, id)
	if err != nil {
		return "", err
	}
	return p.link(v).Status, nil
}

// Activate turns the account on with the code FinHub emailed.
func (p *Provider) Activate(ctx context.Context, s api.Session, who api.Who, code string) error {
	_, err := p.c.Activate(ctx, s.Token, s.ConsumerID, cmp.Or(s.UserID, who.UserID), code)
	return err
}

// SendCode is not part of FinHub's plan: the activation code is emailed by
// FinHub itself once the customer may be activated.
func (p *Provider) SendCode(context.Context, api.Session, api.Channel, string) error {
	return errNotInPlan
}

// VerifyCode is not part of FinHub's plan (see Activate).
func (p *Provider) VerifyCode(context.Context, api.Session, api.Channel, string, string) error {
	return errNotInPlan
}

// SetEmail is not part of FinHub's plan: the email comes with the
// registration.
func (p *Provider) SetEmail(context.Context, api.Session, string) error { return errNotInPlan }

// SendEmailVerification is not part of FinHub's plan.
func (p *Provider) SendEmailVerification(context.Context, api.Session) error { return errNotInPlan }
