package flow

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/onboard-cli/onboard/api"
)

// refreshAhead is how long before expiry the session is refreshed.
const refreshAhead = time.Minute

// ErrTermsChanged means the person accepted a version that is no longer
// the current one (--accept-terms=VERSION, or new terms meanwhile).
var ErrTermsChanged = errors.New("the terms changed")

// ErrLoginNeeded means the session lapsed and could not be refreshed: ask
// for the password again; nothing else is lost.
var ErrLoginNeeded = errors.New("the session expired; log in again")

// ErrKYCRejected means the provider rejected the identity check for good
// and gives no new link (Weavr's KYC_REJECTED): only its support can help.
var ErrKYCRejected = errors.New("the provider rejected the identity check and allows no new one; contact the bank's support")

// Engine performs the steps against a provider. It holds no run state:
// each operation takes a State and returns the next one, even on error
// (with whatever was learnt, e.g. "this phone is registered").
type Engine struct {
	P   Provider
	Now func() time.Time
	// IPAddress is the address registrations come from, for providers
	// that record it (Weavr).
	IPAddress string
	// LinkHost is the host of the sandbox this run talks to, whose plain
	// http links are taken (CheckLink takes https, and http on this
	// machine or a private network); "" for a real provider.
	LinkHost string
}

// checkLink is CheckLink, with http taken for the run's own sandbox.
func (e Engine) checkLink(raw string) error { return CheckLinkFrom(raw, e.LinkHost) }

func (e Engine) now() time.Time {
	if e.Now == nil {
		return time.Now()
	}
	return e.Now()
}

// LoadTerms fetches the current terms in st.Lang.
func (e Engine) LoadTerms(ctx context.Context, st State) (State, error) {
	t, err := e.P.Terms(ctx, st.Lang)
	if err != nil {
		return st, fmt.Errorf("loading the terms: %w", err)
	}
	st.Terms = t
	return st, nil
}

// AcceptTerms records that the person accepted version (which must be the
// current one). Before the consumer exists it is sent with Register; after,
// it is patched onto the consumer.
func (e Engine) AcceptTerms(ctx context.Context, st State, version string) (State, error) {
	if st.Terms.Version == "" {
		return st, errors.New("accepting the terms: they were not loaded")
	}
	if version != st.Terms.Version {
		return st, fmt.Errorf("%w: you accepted version %s but the current one is %s", ErrTermsChanged, version, st.Terms.Version)
	}
	if st.Session.Token != "" && st.ConsumerID != "" {
		var err error
		st, err = e.authed(ctx, st, func(s api.Session) error { return e.P.AcceptTerms(ctx, s, version) })
		if err != nil {
			return st, fmt.Errorf("recording the accepted terms: %w", err)
		}
	}
	st.AcceptedTerms, st.TermsAcceptedAt, st.TermsAccepted = version, e.now(), true
	st.TermsAcceptedHere, st.TermsLapsed = true, false
	return st, nil
}

// Register creates the consumer. When the phone is already registered the
// returned state says so (Registered) and the error is api.ErrPhoneTaken:
// the way forward is to log in or set a new password. After a create whose
// answer was lost (CreateUnanswered), "already registered" is this
// onboarding's own consumer: registered, no error.
func (e Engine) Register(ctx context.Context, st State) (State, error) {
	return e.RegisterWith(ctx, st, "")
}

// RegisterWith is Register for a provider that takes the password with the
// registration (Needs.PasswordAtRegister): once registered, the password
// is set.
func (e Engine) RegisterWith(ctx context.Context, st State, password string) (State, error) {
	reg, err := e.P.Register(ctx, api.Registration{Phone: st.Phone, FirstName: st.FirstName, LastName: st.LastName,
		Email: st.Email, ExternalID: st.ExternalID, TermsVersion: st.AcceptedTerms,
		BirthDate: st.BirthDate, Country: st.Country, IPAddress: e.IPAddress,
		Gender: st.Gender, Nationality: st.Nationality, Category: st.Category, Password: password})
	if api.Ambiguous(err) {
		st.CreateUnanswered = true
		return st, fmt.Errorf("creating the consumer: %w", err)
	}
	if errors.Is(err, api.ErrPhoneTaken) && st.CreateUnanswered {
		st.Registered, st.CreateUnanswered = true, false
		return st, nil
	}
	if errors.Is(err, api.ErrPhoneTaken) {
		// The way forward is to log in, except where the login needs ids
		// this run does not have (Needs.NoLookup): then the step is not
		// done, and the person gives other details.
		st.Registered = !e.P.Needs().NoLookup
		return st, fmt.Errorf("creating the consumer: %w", err)
	}
	if err != nil {
		return st, fmt.Errorf("creating the consumer: %w", err)
	}
	st.ConsumerID, st.UserID, st.Registered, st.CreateUnanswered = reg.ConsumerID, reg.UserID, true, false
	if password != "" {
		// The password is set: log in with it at once, as Weavr's password
		// create does, rather than ask for it again. If that fails, the
		// login step asks.
		st.PasswordSet = true
		if s, ok := e.logsIn(ctx, st, password); ok {
			if in, err := e.loggedIn(ctx, st, s); err == nil {
				st = in
			}
		}
	}
	return st, nil
}

// SendSecret texts the password secret; SecretSentAt starts the resend
// cooldown only when the send succeeded.
func (e Engine) SendSecret(ctx context.Context, st State) (State, error) {
	err := e.P.SendSecret(ctx, st.Who())
	st = st.sendAnswered(MessageSecret, err)
	if err != nil {
		return st, fmt.Errorf("sending the SMS: %w", err)
	}
	st.SecretSentAt = e.now()
	return st, nil
}

// SetPassword sets the password (with the SMS secret when the provider
// needs one); a provider that logs the consumer in at the same time gives
// a session, else the login step follows.
func (e Engine) SetPassword(ctx context.Context, st State, secret, password string) (State, error) {
	s, unknown, err := e.changePassword(ctx, st, secret, password)
	st.PasswordUnanswered = unknown
	if err != nil {
		return st, err
	}
	st.PasswordSet, st.Registered = true, true
	if s.Token == "" {
		return st, nil
	}
	return e.loggedIn(ctx, st, s)
}

// changePassword sets the password with the secret, or learns that an
// earlier try whose answer was lost (st.PasswordUnanswered) set it: a
// password that logs in was set, and nothing is sent again. When that
// check cannot tell (connection trouble) the secret is still sent, as the
// lost try may never have arrived; if the provider then has "no code
// waiting", the lost try spent it, and the check's trouble is the error,
// tried again later, never a wrong code that ends the run. unknown says
// that whether the password was set is still unknown.
func (e Engine) changePassword(ctx context.Context, st State, secret, password string) (s api.Session, unknown bool, err error) {
	var checkErr error
	if st.PasswordUnanswered {
		if s, err = e.P.Login(ctx, st.Who(), password); err == nil {
			return s, false, nil
		}
		if _, again := Retryable(err); again {
			checkErr = err
		}
	}
	s, err = e.P.SetPassword(ctx, st.Who(), secret, password)
	switch {
	case err == nil:
		return s, false, nil
	case api.Ambiguous(err):
		if s, ok := e.logsIn(ctx, st, password); ok {
			return s, false, nil
		}
		return s, true, fmt.Errorf("setting the password: %w", err)
	case errors.Is(err, api.ErrInvalidCode) && checkErr != nil:
		return s, true, fmt.Errorf("checking whether the password was set: %w", checkErr)
	}
	// Refused (a 429 is never carried out): whether the lost try set the
	// password is as unknown as before, if the check could not tell.
	return s, checkErr != nil, fmt.Errorf("setting the password: %w", err)
}

// logsIn reports whether password logs the consumer in, with the session.
func (e Engine) logsIn(ctx context.Context, st State, password string) (api.Session, bool) {
	s, err := e.P.Login(ctx, st.Who(), password)
	return s, err == nil
}

// Login logs in with the password.
func (e Engine) Login(ctx context.Context, st State, password string) (State, error) {
	s, err := e.P.Login(ctx, st.Who(), password)
	if err != nil {
		return st, fmt.Errorf("logging in: %w", err)
	}
	st.PasswordSet, st.Registered = true, true
	return e.loggedIn(ctx, st, s)
}

func (e Engine) loggedIn(ctx context.Context, st State, s api.Session) (State, error) {
	if s.ConsumerID == "" {
		s.ConsumerID = st.ConsumerID
	}
	st.Session = s
	st.ConsumerID = s.ConsumerID
	st, err := e.Sync(ctx, st)
	if err != nil || st.Snapshot.TermsAccepted || st.AcceptedTerms == "" || st.AcceptedTerms != st.Terms.Version {
		return st, err
	}
	// The terms were accepted in this run before there was a session (a
	// consumer an agent created, or one registered elsewhere): record
	// them now, so the person is not asked twice.
	return e.AcceptTerms(ctx, st, st.AcceptedTerms)
}

// SendCode sends a verification code by ch: to the email address, or to
// the phone. The resend cooldown starts only when the send succeeded.
func (e Engine) SendCode(ctx context.Context, st State, ch api.Channel) (State, error) {
	st, err := e.authed(ctx, st, func(s api.Session) error { return e.P.SendCode(ctx, s, ch, codeRecipient(st, ch)) })
	st = st.sendAnswered(CodeMessage(ch), err)
	if err != nil {
		return st, fmt.Errorf("sending the code by %s: %w", ch, err)
	}
	if ch == api.ChannelEmail {
		st.EmailSentAt = e.now()
	} else {
		st.PhoneCodeSentAt = e.now()
	}
	return st, nil
}

// VerifyCode checks the code the person typed, then reads the account
// again so the plan sees the address or number verified.
func (e Engine) VerifyCode(ctx context.Context, st State, ch api.Channel, code string) (State, error) {
	st, err := e.authed(ctx, st, func(s api.Session) error { return e.P.VerifyCode(ctx, s, ch, codeRecipient(st, ch), code) })
	if api.Ambiguous(err) {
		// The answer was lost and the code may be spent: the account
		// says whether it was taken.
		if synced, serr := e.Sync(ctx, st); serr == nil && verified(synced, ch) {
			return synced, nil
		}
	}
	if err != nil {
		return st, fmt.Errorf("checking the code: %w", err)
	}
	if ch == api.ChannelEmail {
		st.EmailVerified = true
	} else {
		st.PhoneVerified = true
	}
	return e.Sync(ctx, st)
}

func verified(st State, ch api.Channel) bool {
	if ch == api.ChannelEmail {
		return st.EmailVerified
	}
	return st.PhoneVerified
}

func codeRecipient(st State, ch api.Channel) string {
	if ch == api.ChannelEmail {
		return st.Email
	}
	return st.Phone.E164()
}

// fresh refreshes the session when it is about to expire. If that fails
// it returns ErrLoginNeeded and a state without a session.
func (e Engine) fresh(ctx context.Context, st State) (State, error) {
	if st.Session.Token == "" {
		return st, ErrLoginNeeded
	}
	if st.Session.ExpiresAt.IsZero() || e.now().Add(refreshAhead).Before(st.Session.ExpiresAt) {
		return st, nil
	}
	s, err := e.P.Refresh(ctx, st.Session)
	if err != nil {
		if errors.Is(err, api.ErrUnauthorized) {
			st.Session = api.Session{}
			return st, ErrLoginNeeded
		}
		return st, fmt.Errorf("refreshing the session: %w", err)
	}
	st.Session = s
	return st, nil
}

// authed runs call with a fresh session; a 401 refreshes once and retries,
// then gives ErrLoginNeeded.
func (e Engine) authed(ctx context.Context, st State, call func(api.Session) error) (State, error) {
	st, err := e.fresh(ctx, st)
	if err != nil {
		return st, err
	}
	err = call(st.Session)
	if !errors.Is(err, api.ErrUnauthorized) {
		return st, err
	}
	if st.Session.RefreshToken == "" {
		st.Session = api.Session{}
		return st, ErrLoginNeeded
	}
	s, rerr := e.P.Refresh(ctx, st.Session)
	if rerr != nil {
		st.Session = api.Session{}
		return st, ErrLoginNeeded
	}
	st.Session = s
	if err := call(st.Session); errors.Is(err, api.ErrUnauthorized) {
		st.Session = api.Session{}
		return st, ErrLoginNeeded
	} else if err != nil {
		return st, err
	}
	return st, nil
}

// Sync reads the consumer's state from the provider.
func (e Engine) Sync(ctx context.Context, st State) (State, error) {
	var snap api.Snapshot
	st, err := e.authed(ctx, st, func(s api.Session) error {
		var err error
		snap, err = e.P.Snapshot(ctx, s)
		return err
	})
	if err != nil {
		return st, fmt.Errorf("reading your account: %w", err)
	}
	return st.Apply(snap), nil
}

// StartKYC asks for a (new) KYC link. When the provider says a check is
// already under review there is no new link: the state says so and the
// caller just keeps polling. A check started after one ended counts as a
// restart (State.KYCGiveUp).
func (e Engine) StartKYC(ctx context.Context, st State) (State, error) {
	restart := KYCEnded(st.KYCStatus)
	var link api.KYCLink
	st, err := e.authed(ctx, st, func(s api.Session) error {
		var err error
		link, err = e.P.StartKYC(ctx, s)
		return err
	})
	if err != nil {
		return st, fmt.Errorf("starting the identity check: %w", err)
	}
	if link.URL != "" {
		if err := e.checkLink(link.URL); err != nil {
			return st, fmt.Errorf("starting the identity check: %w; try again, or contact the bank's support", err)
		}
	}
	if restart {
		st.KYCRestarts++
	}
	st.KYC, st.KYCStatus = link, link.Status
	if link.URL == "" && link.Status == api.KYCDeclined {
		return st, ErrKYCRejected
	}
	return st, nil
}

// PollKYC reads the KYC status once.
func (e Engine) PollKYC(ctx context.Context, st State) (State, error) {
	var status api.KYCStatus
	st, err := e.authed(ctx, st, func(s api.Session) error {
		var err error
		status, err = e.P.KYCStatus(ctx, s, st.KYC.ID)
		return err
	})
	if err != nil {
		return st, fmt.Errorf("checking the identity check: %w", err)
	}
	approvedNow := status == api.KYCApproved && st.KYCStatus != api.KYCApproved
	st.KYCStatus = status
	if approvedNow {
		// The account's other statuses move with the approval: read them
		// once, so the summary is current.
		if synced, err := e.Sync(ctx, st); err == nil {
			return synced, nil
		}
	}
	return st, nil
}

// SendEmail sends the verification link.
func (e Engine) SendEmail(ctx context.Context, st State) (State, error) {
	st, err := e.authed(ctx, st, func(s api.Session) error { return e.P.SendEmailVerification(ctx, s) })
	st = st.sendAnswered(MessageEmail, err)
	if err != nil {
		return st, fmt.Errorf("sending the verification email: %w", err)
	}
	st.EmailSentAt = e.now()
	return st, nil
}
