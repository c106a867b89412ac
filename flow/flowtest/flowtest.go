// Package flowtest provides a scripted, in-memory flow.Provider for tests of
// the wizard's front ends: it keeps one consumer's state the way a provider
// would, answers from scripts (KYC statuses, errors per method), records
// every call, and Verify fails the test when a script was not used up.
package flowtest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api"
)

// The method names Fail, Calls and Expect take.
const (
	MTerms        = "Terms"
	MAcceptTerms  = "AcceptTerms"
	MRegister     = "Register"
	MSendSecret   = "SendSecret"
	MSetPassword  = "SetPassword"
	MLogin        = "Login"
	MRefresh      = "Refresh"
	MSnapshot     = "Snapshot"
	MStartKYC     = "StartKYC"
	MKYCStatus    = "KYCStatus"
	MSetEmail     = "SetEmail"
	MSendEmail    = "SendEmailVerification"
	MSendCode     = "SendCode"
	MVerifyCode   = "VerifyCode"
	MChange       = "ChangeContact"
	defaultSecret = "123456"
)

// Fake is a provider with one consumer. Its zero value is not ready: use New.
type Fake struct {
	mu sync.Mutex

	// Doc is the terms document served.
	Doc api.Terms
	// Secret is the SMS secret SetPassword accepts.
	Secret string
	// KYCScript is the status each KYCStatus call returns, in order; the
	// last one repeats. Empty means APPROVED at once.
	KYCScript []api.KYCStatus
	// EmailAfter is how many Snapshot calls after the verification email
	// the address turns verified (0: at the first).
	EmailAfter int
	// KYCURL is the link StartKYC returns.
	KYCURL string
	// RejectedForGood makes StartKYC give no link and DECLINED, as Weavr
	// does after a rejection.
	RejectedForGood bool
	// NeedsOf is what the fake asks of the person: LinkCy's (an SMS secret,
	// login by phone, refreshable sessions) unless a test sets Weavr's.
	NeedsOf api.Needs
	// Code is the verification code VerifyCode accepts.
	Code string
	// SpendsSecret makes the SMS secret work once, as LinkCy's does: it is
	// live from SendSecret until a SetPassword uses it, and a SetPassword
	// without a live one is refused ("no code is waiting").
	SpendsSecret bool
	// SCA is how many replays of ChangeContact with its interaction id
	// find it not yet approved; -1 changes without SCA (the default 0
	// approves at the first replay). A change without an id is answered
	// with a challenge unless SCA is -1.
	SCA int
	// SCAPush makes the challenge a push to the phone (no join code).
	SCAPush bool

	registered   bool
	phone        api.Phone
	password     string
	terms        string
	email        string
	emailSent    bool
	emailPolls   int
	emailCoded   bool
	mobileCoded  bool
	phoneChanged bool
	kycStarted   bool
	kyc          api.KYCStatus
	secretLive   bool
	errs         map[string][]error
	lost         map[string][]error
	calls        map[string]int
	expect       []string
	tokenSerial  int
}

// New returns a Fake serving terms version 1.0 and accepting secret 123456.
func New() *Fake {
	return &Fake{
		Doc:    api.Terms{Version: "1.0", URL: "https://bank.example/terms", Lang: "en", Content: "# Terms\n\n1. Be nice.\n2. Keep your password to yourself.\n"},
		Secret: defaultSecret, Code: defaultSecret, KYCURL: "https://kyc.example/session/abc123",
		NeedsOf: api.Needs{SMSSecret: true, Refresh: true},
		kyc:     api.KYCNotStarted, errs: map[string][]error{}, lost: map[string][]error{}, calls: map[string]int{},
	}
}

// Fail makes the next calls of method fail with errs, one per call.
func (f *Fake) Fail(method string, errs ...error) *Fake {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.errs[method] = append(f.errs[method], errs...)
	return f
}

// Lose makes the next calls of method (SendSecret or SetPassword) be
// carried out and then fail with errs, one per call: an answer lost on
// the way back, which the caller cannot tell from a call never made.
func (f *Fake) Lose(method string, errs ...error) *Fake {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lost[method] = append(f.lost[method], errs...)
	return f
}

// Expect makes Verify fail unless each method was called at least once.
func (f *Fake) Expect(methods ...string) *Fake {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.expect = append(f.expect, methods...)
	return f
}

// Registered makes the consumer exist already, with password pw ("" for
// none set yet).
func (f *Fake) Registered(phone api.Phone, pw string) *Fake {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.registered, f.phone, f.password, f.terms = true, phone, pw, f.Doc.Version
	return f
}

// WithKYC sets the consumer's KYC status, as if a check had run.
func (f *Fake) WithKYC(s api.KYCStatus) *Fake {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.kyc, f.kycStarted = s, true
	return f
}

// Calls returns how many times method was called.
func (f *Fake) Calls(method string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[method]
}

// Verify fails t if a scripted error or KYC status was not used, or an
// expected method was never called.
func (f *Fake) Verify(t testing.TB) {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, scripted := range []map[string][]error{f.errs, f.lost} {
		for m, errs := range scripted {
			if len(errs) > 0 {
				t.Errorf("flowtest: %d scripted error(s) for %s were never returned", len(errs), m)
			}
		}
	}
	if len(f.KYCScript) > 1 {
		t.Errorf("flowtest: %d scripted KYC statuses were never returned: %v", len(f.KYCScript)-1, f.KYCScript[1:])
	}
	for _, m := range f.expect {
		if f.calls[m] == 0 {
			t.Errorf("flowtest: %s was expected but never called", m)
		}
	}
}

// enter counts a call and returns its scripted error, if any. f.mu is held.
func (f *Fake) enter(method string) error {
	f.calls[method]++
	if errs := f.errs[method]; len(errs) > 0 {
		f.errs[method] = errs[1:]
		return errs[0]
	}
	return nil
}

// losing returns the error that loses the answer of the call of method
// just carried out, if one is scripted. f.mu is held.
func (f *Fake) losing(method string) error {
	if errs := f.lost[method]; len(errs) > 0 {
		f.lost[method] = errs[1:]
		return errs[0]
	}
	return nil
}

func (f *Fake) session() api.Session {
	f.tokenSerial++
	return api.Session{Token: fmt.Sprintf("access-%d", f.tokenSerial), RefreshToken: fmt.Sprintf("refresh-%d", f.tokenSerial),
		ConsumerID: "cons_fake", ExpiresAt: time.Now().Add(15 * time.Minute)}
}

func (f *Fake) authed(s api.Session) error {
	if s.Token == "" || !strings.HasPrefix(s.Token, "access-") {
		return &api.Error{Provider: "fake", Status: 401, Kind: api.KindUnauthorized, Message: "no session"}
	}
	return nil
}

// Name implements flow.Provider.
func (f *Fake) Name() string { return "fake" }

// Needs implements flow.Provider.
func (f *Fake) Needs() api.Needs { return f.NeedsOf }

// SendCode implements flow.CodeVerifier.
func (f *Fake) SendCode(_ context.Context, s api.Session, _ api.Channel, _ string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter(MSendCode); err != nil {
		return err
	}
	return f.authed(s)
}

// VerifyCode implements flow.CodeVerifier.
func (f *Fake) VerifyCode(_ context.Context, s api.Session, ch api.Channel, _, code string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter(MVerifyCode); err != nil {
		return err
	}
	if err := f.authed(s); err != nil {
		return err
	}
	if code != f.Code {
		return &api.Error{Provider: "fake", Status: 409, Kind: api.KindInvalidCode, Message: "wrong code", Err: api.ErrInvalidCode}
	}
	if ch == api.ChannelEmail {
		f.emailCoded = true
	} else {
		f.mobileCoded = true
	}
	return nil
}

// Terms implements flow.TermsSource.
func (f *Fake) Terms(_ context.Context, lang string) (api.Terms, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter(MTerms); err != nil {
		return api.Terms{}, err
	}
	t := f.Doc
	if lang != "" {
		t.Lang = lang
	}
	return t, nil
}

// AcceptTerms implements flow.TermsSource.
func (f *Fake) AcceptTerms(_ context.Context, s api.Session, version string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter(MAcceptTerms); err != nil {
		return err
	}
	if err := f.authed(s); err != nil {
		return err
	}
	f.terms = version
	return nil
}

// Register implements flow.Registrar.
func (f *Fake) Register(_ context.Context, r api.Registration) (api.Registered, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter(MRegister); err != nil {
		return api.Registered{}, err
	}
	if f.registered && (r.Phone == f.phone || f.password != "") {
		return api.Registered{}, &api.Error{Provider: "fake", Status: 409, Kind: api.KindPhoneTaken, Message: "phone already registered", Err: api.ErrPhoneTaken}
	}
	f.registered, f.phone, f.terms, f.email = true, r.Phone, r.TermsVersion, r.Email
	return api.Registered{ConsumerID: "cons_fake"}, nil
}

// SendSecret implements flow.CredentialSetter.
func (f *Fake) SendSecret(_ context.Context, _ api.Who) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter(MSendSecret); err != nil {
		return err
	}
	f.secretLive = true
	return f.losing(MSendSecret)
}

// SetPassword implements flow.CredentialSetter.
func (f *Fake) SetPassword(_ context.Context, _ api.Who, secret, password string) (api.Session, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter(MSetPassword); err != nil {
		return api.Session{}, err
	}
	if f.SpendsSecret && !f.secretLive {
		return api.Session{}, &api.Error{Provider: "fake", Status: 400, Kind: api.KindInvalidCode, Message: "No code is waiting for this consumer; ask for a new one.", Err: api.ErrInvalidCode}
	}
	if f.NeedsOf.SMSSecret && secret != f.Secret {
		return api.Session{}, &api.Error{Provider: "fake", Status: 400, Kind: api.KindInvalidCode, Message: "wrong code", Err: api.ErrInvalidCode}
	}
	f.password, f.secretLive = password, false
	if err := f.losing(MSetPassword); err != nil {
		return api.Session{}, err
	}
	return f.session(), nil
}

// Login implements flow.Authenticator.
func (f *Fake) Login(_ context.Context, _ api.Who, password string) (api.Session, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter(MLogin); err != nil {
		return api.Session{}, err
	}
	if f.password == "" || password != f.password {
		return api.Session{}, &api.Error{Provider: "fake", Status: 401, Kind: api.KindUnauthorized, Message: "bad credentials", Err: api.ErrUnauthorized}
	}
	return f.session(), nil
}

// Refresh implements flow.Authenticator.
func (f *Fake) Refresh(_ context.Context, s api.Session) (api.Session, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter(MRefresh); err != nil {
		return api.Session{}, err
	}
	if s.RefreshToken == "" {
		return api.Session{}, &api.Error{Provider: "fake", Status: 401, Kind: api.KindUnauthorized, Err: api.ErrUnauthorized}
	}
	return f.session(), nil
}

// Snapshot implements flow.Authenticator.
func (f *Fake) Snapshot(_ context.Context, s api.Session) (api.Snapshot, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter(MSnapshot); err != nil {
		return api.Snapshot{}, err
	}
	if err := f.authed(s); err != nil {
		return api.Snapshot{}, err
	}
	verified := false
	if f.emailSent {
		f.emailPolls++
		verified = f.emailPolls > f.EmailAfter
	}
	verified = verified || f.emailCoded
	phoneOK := (f.NeedsOf.SMSSecret && f.password != "" && !f.phoneChanged) || f.mobileCoded
	return api.Snapshot{ConsumerID: "cons_fake", Phone: f.phone.E164(), PhoneValidated: phoneOK, PasswordSet: f.password != "",
		TermsAccepted: f.terms == f.Doc.Version, Email: f.email, EmailVerified: verified, KYC: f.kyc,
		Statuses: []api.StatusItem{{Name: "kyc", Value: string(f.kyc)}, {Name: "email", Value: map[bool]string{true: "VERIFIED", false: "UNVERIFIED"}[verified]}}}, nil
}

// StartKYC implements flow.KYCProvider.
func (f *Fake) StartKYC(_ context.Context, s api.Session) (api.KYCLink, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter(MStartKYC); err != nil {
		return api.KYCLink{}, err
	}
	if err := f.authed(s); err != nil {
		return api.KYCLink{}, err
	}
	if f.RejectedForGood {
		f.kyc = api.KYCDeclined
		return api.KYCLink{Status: api.KYCDeclined}, nil
	}
	f.kycStarted, f.kyc = true, api.KYCCreated
	return api.KYCLink{ID: fmt.Sprintf("kyc_%d", f.calls[MStartKYC]), URL: f.KYCURL, Status: api.KYCCreated}, nil
}

// KYCStatus implements flow.KYCProvider.
func (f *Fake) KYCStatus(_ context.Context, s api.Session, _ string) (api.KYCStatus, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter(MKYCStatus); err != nil {
		return "", err
	}
	if err := f.authed(s); err != nil {
		return "", err
	}
	switch len(f.KYCScript) {
	case 0:
		f.kyc = api.KYCApproved
	default:
		f.kyc = f.KYCScript[0]
		if len(f.KYCScript) > 1 {
			f.KYCScript = slices.Clone(f.KYCScript[1:])
		}
	}
	return f.kyc, nil
}

// SetEmail implements flow.EmailVerifier.
func (f *Fake) SetEmail(_ context.Context, s api.Session, email string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter(MSetEmail); err != nil {
		return err
	}
	if err := f.authed(s); err != nil {
		return err
	}
	f.email, f.emailSent, f.emailPolls = email, false, 0
	return nil
}

// SendEmailVerification implements flow.EmailVerifier.
func (f *Fake) SendEmailVerification(_ context.Context, s api.Session) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter(MSendEmail); err != nil {
		return err
	}
	if err := f.authed(s); err != nil {
		return err
	}
	f.emailSent = true
	return nil
}
