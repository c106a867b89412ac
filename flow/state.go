package flow

import (
	"time"

	"github.com/onboard-cli/onboard/api"
)

// State is everything a run knows. It holds the session tokens in memory
// but never a password or an SMS secret; Progress is the part that may be
// written to disk.
type State struct {
	Lang string

	// Terms as shown; AcceptedTerms is the version the person accepted,
	// TermsAccepted whether the provider considers the current terms
	// accepted (false again when the provider publishes new ones).
	Terms           api.Terms
	AcceptedTerms   string
	TermsAcceptedAt time.Time
	TermsAccepted   bool
	// TermsAcceptedHere: the person accepted the terms in this run
	// (AcceptTerms). TermsLapsed: the provider said afterwards that they
	// are not accepted (Apply). Accepted once in this run is accepted:
	// the terms are not asked again, and the run says TermsNote once.
	// Neither is saved.
	TermsAcceptedHere, TermsLapsed bool

	// Register: the phone and optional details. Registered is true once the
	// provider knows this phone (created now, or found already there).
	Phone      api.Phone
	FirstName  string
	LastName   string
	Email      string
	ExternalID string
	BirthDate  api.Date
	Country    string // where the person lives, ISO 3166 alpha-2
	// Category, Gender and Nationality are FinHub's: the customer
	// category picked from its hierarchy, MALE/FEMALE/OTHER, and ISO
	// 3166 alpha-2.
	Category string
	// Categories are the provider's, as last read (never saved).
	Categories  []api.Category
	Gender      string
	Nationality string
	ConsumerID  string
	// UserID is the login user where the provider has one apart (FinHub).
	UserID     string
	Registered bool
	// CreateUnanswered: a create was sent and its answer lost, so the
	// consumer may exist; "already registered" then means it was made
	// by this onboarding.
	CreateUnanswered bool

	// Credentials: when the last secret was sent, and whether a password is set.
	SecretSentAt time.Time
	PasswordSet  bool
	// PasswordUnanswered: setting the password lost its answer, so it may
	// be set (and the secret spent); the next try logs in with it first.
	PasswordUnanswered bool

	Session api.Session

	KYC       api.KYCLink
	KYCStatus api.KYCStatus

	// EmailSentAt is when the verification link or code was last sent.
	EmailSentAt   time.Time
	EmailVerified bool
	// PhoneCodeSentAt is when the SMS code was last sent; PhoneVerified
	// whether the provider considers the mobile number verified.
	PhoneCodeSentAt time.Time
	PhoneVerified   bool
	// PhoneChanged: the person changed the registered number with a
	// session (Engine.ChangeContact), so the phone code proves the new
	// one before anything else (Plan.Next), whether or not the plan has
	// a phone-code step.
	PhoneChanged bool
	// SCA is the strong customer authentication a change (SCAFor) waits
	// on: approved, the change is sent again with its id (never saved).
	SCA    api.SCAChallenge
	SCAFor api.Contact

	// SendsUnanswered are the messages that may have gone out unknown to
	// this run: a send whose answer was lost, or the message of the step a
	// resumed run stopped at (Progress.Restore). SentTooSoon reads it;
	// never saved.
	SendsUnanswered Message

	// KYCRestarts counts the identity checks this run started after one
	// ended declined or aborted (KYCGiveUp). Never saved: a new run may
	// try again.
	KYCRestarts int

	// Org is an organisation's onboarding (FinHub's "organization"
	// plan; flow/organization_engine.go).
	Org OrgState

	// Activated: the account is turned on (FinHub's activation).
	Activated bool

	// Snapshot is the provider's last word on the consumer.
	Snapshot api.Snapshot

	// Organization is the company and its personnel as typed or read
	// from an --organization file (flow/organization.go); Org is how far
	// the provider has it.
	Organization Organization
}

// Done reports whether step s needs nothing more at now.
func (st State) Done(s Step, now time.Time) bool {
	switch s {
	case StepTerms:
		return st.TermsAccepted
	case StepRegister:
		return st.Registered || st.ConsumerID != ""
	case StepCredentials:
		return st.PasswordSet
	case StepLogin:
		// A lapsed access token with a refresh token is still a session:
		// the engine refreshes it, and clears it if that fails.
		return st.Session.Valid(now) || (st.Session.Token != "" && st.Session.RefreshToken != "")
	case StepKYC:
		return st.KYCStatus == api.KYCApproved
	case StepEmail, StepEmailCode:
		return st.EmailVerified
	case StepPhoneCode:
		return st.PhoneVerified
	case StepCategory:
		// Once registered, the category is the provider's business.
		return st.Category != "" || st.Registered || st.ConsumerID != ""
	case StepActivate:
		return st.Activated
	case StepDone:
		return true
	}
	return st.orgDone(s)
}

// Who names the consumer for calls made before there is a session.
func (st State) Who() api.Who {
	return api.Who{Phone: st.Phone, Email: st.Email, ConsumerID: st.ConsumerID, UserID: st.UserID}
}

// Apply merges a provider snapshot into the state: what a run (or an
// agent continuing one) knows of a consumer from the provider alone.
func (st State) Apply(s api.Snapshot) State {
	st.Snapshot = s
	if s.ConsumerID != "" {
		st.ConsumerID = s.ConsumerID
		st.Registered = true
	}
	st.TermsAccepted, st.TermsLapsed = st.termsFrom(s.TermsAccepted)
	if s.PasswordSet {
		st.PasswordSet = true
	}
	st.PhoneVerified = s.PhoneValidated
	st.KYCStatus = s.KYC
	st.Email = TrustedEmail(s.Email, st.Email) // the person's address wins (flow/answers.go)
	st.EmailVerified = s.EmailVerified
	st.Activated = s.Activated
	if s.FirstName != "" {
		st.FirstName = s.FirstName
	}
	if s.LastName != "" {
		st.LastName = s.LastName
	}
	return st
}
