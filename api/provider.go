package api

import (
	"errors"
	"fmt"
	"time"
)

// Session is a logged-in consumer's tokens. Its String never shows them.
type Session struct {
	Token        string
	RefreshToken string
	ConsumerID   string
	// UserID is the consumer's login user where the provider names it
	// apart (FinHub's sessions live under it).
	UserID    string
	ExpiresAt time.Time // zero when the provider does not say
}

// String implements fmt.Stringer without revealing the tokens.
func (s Session) String() string {
	return fmt.Sprintf("Session{ConsumerID:%q ExpiresAt:%s}", s.ConsumerID, s.ExpiresAt.Format(time.RFC3339))
}

// GoString implements fmt.GoStringer without revealing the tokens.
func (s Session) GoString() string { return s.String() }

// Valid reports whether the session has a token that has not expired at now.
func (s Session) Valid(now time.Time) bool {
	return s.Token != "" && (s.ExpiresAt.IsZero() || now.Before(s.ExpiresAt))
}

// Phone is a phone number split the way providers want it.
type Phone struct {
	CallingCode string // digits, no "+", e.g. "33"
	National    string // national significant number, e.g. "612345678"
}

// E164 returns "+33612345678".
func (p Phone) E164() string { return "+" + p.CallingCode + p.National }

// Terms is a terms-and-conditions document, sanitized.
type Terms struct {
	Version string
	URL     string
	Content string
	Lang    string
}

// Date is a calendar date without a time zone (a date of birth).
type Date struct {
	Year, Month, Day int
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d == Date{} }

// String returns "2006-01-02", or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Registration is what the register step gives the provider.
type Registration struct {
	Phone        Phone
	FirstName    string
	LastName     string
	Email        string
	ExternalID   string
	TermsVersion string
	// BirthDate and Country (ISO 3166 alpha-2, where the person lives)
	// are asked for when the provider's Needs say so.
	BirthDate Date
	Country   string
	// IPAddress is the address the registration comes from (Weavr).
	IPAddress string
	// Gender (MALE, FEMALE or OTHER), Nationality (ISO 3166 alpha-2) and
	// Category (the provider's customer category id) are asked for when
	// the provider's Needs say so (FinHub).
	Gender, Nationality, Category string
	// Password is sent with the registration when Needs.PasswordAtRegister
	// (FinHub). It is never logged: the HTTP layer redacts it.
	Password string
}

// String implements fmt.Stringer without the password.
func (r Registration) String() string {
	r.Password = ""
	type plain Registration // no String method: no recursion
	return fmt.Sprintf("%+v", plain(r))
}

// Registered is what a registration gives back: the consumer, and for a
// provider whose login names its user apart (FinHub's userId), that user.
type Registered struct {
	ConsumerID string
	UserID     string
}

// Who names the consumer a call is about before there is a session.
type Who struct {
	Phone      Phone
	Email      string
	ConsumerID string
	// UserID is the consumer's login user where the provider has one
	// apart (FinHub).
	UserID string
}

// Channel is where a verification code is sent.
type Channel string

// The channels a code can come by.
const (
	ChannelEmail Channel = "email"
	ChannelSMS   Channel = "sms"
)

// Needs is what a provider asks of the person that differs between
// providers; the steps ask for exactly this.
type Needs struct {
	// Names, Email, BirthDate and Country are required at registration
	// (otherwise names and email are optional, the rest not asked).
	Names, Email, BirthDate, Country bool
	// SMSSecret: the password is set with a secret texted to the phone,
	// which also proves the phone.
	SMSSecret bool
	// LoginByEmail: the login is the email address, not the phone.
	LoginByEmail bool
	// Refresh: sessions can be refreshed; without it a lapsed session
	// means logging in again.
	Refresh bool
	// Gender and Nationality are required at registration (FinHub).
	Gender, Nationality bool
	// PasswordAtRegister: the password is chosen with the registration;
	// there is no credentials step (FinHub).
	PasswordAtRegister bool
	// Documents: the identity check is documents the person uploads
	// (KYCLink.Documents names them), then a review; no hosted page.
	Documents bool
	// NoLookup: the login needs the ids the registration returned
	// (FinHub), so a consumer registered elsewhere cannot be continued
	// from its phone or email alone.
	NoLookup bool
}

// ErrNoLookup is why an account registered elsewhere cannot be continued
// on a provider with Needs.NoLookup.
var ErrNoLookup = errors.New("the provider cannot find this account without the ids its registration gave: use another email address, or ask its support")

// Category is one of a provider's customer categories (FinHub's
// categorisation hierarchy), from which the person picks theirs.
type Category struct {
	ID, Name, Description string
	// Risk is the category's risk level ("LOW", "MEDIUM", "HIGH"), as
	// the provider says it.
	Risk string
}

// Document is one identity document to upload.
type Document struct {
	Type     string // the provider's document type, e.g. "PASSPORT"
	FileName string
	MimeType string
	Content  []byte
}

// String implements fmt.Stringer without the content.
func (d Document) String() string {
	return fmt.Sprintf("Document{Type:%q FileName:%q MimeType:%q Size:%d}", d.Type, d.FileName, d.MimeType, len(d.Content))
}

// KYCStatus is a provider-neutral identity-check state.
type KYCStatus string

// Neutral KYC statuses.
const (
	KYCNotStarted    KYCStatus = "NOT_STARTED"
	KYCCreated       KYCStatus = "CREATED"
	KYCProcessing    KYCStatus = "PROCESSING"
	KYCPendingReview KYCStatus = "PENDING_REVIEW"
	KYCApproved      KYCStatus = "APPROVED"
	KYCDeclined      KYCStatus = "DECLINED"
	KYCAborted       KYCStatus = "ABORTED"
)

// Final reports whether polling can stop at s.
func (s KYCStatus) Final() bool {
	return s == KYCApproved || s == KYCDeclined || s == KYCAborted
}

// KYCLink is where the person proves their identity. URL is empty when
// the provider refused a new link because a check is already being
// reviewed; Status then says so.
type KYCLink struct {
	ID     string
	URL    string
	Status KYCStatus
	// Documents are the document types still to upload, for a provider
	// whose check is documents (Needs.Documents).
	Documents []string
}

// StatusItem is one named account status, in the provider's words.
type StatusItem struct {
	Name, Value string
}

// Snapshot is what a provider says about a consumer right now. Every step
// of the flow decides from it whether it is already done.
type Snapshot struct {
	ConsumerID     string
	ExternalID     string
	Phone          string // E.164
	PhoneValidated bool
	TermsAccepted  bool
	FirstName      string
	LastName       string
	Email          string
	EmailVerified  bool
	// PasswordSet is true when the provider says a password exists
	// (a snapshot read with a consumer's own session implies it).
	PasswordSet bool
	KYC         KYCStatus
	// Activated is true once the account is turned on (FinHub's
	// activation); providers without that step leave it false.
	Activated bool
	// Account is where the provider says the account stands (only
	// AccountActive is onboarded); AccountUnknown when it says nothing
	// documented.
	Account  Account
	Statuses []StatusItem // every other status, for the summary; a value outside the documented enum is Unknown(raw)
}

// Lookup names a consumer for a partner's lookup. One field is enough;
// the first set one of ConsumerID, ExternalID, Phone (E.164) and Email is
// used.
type Lookup struct {
	ConsumerID, ExternalID, Phone, Email string
}

// String says what the lookup is for, as a person would: "phone
// +33612345678". It never holds a secret.
func (l Lookup) String() string {
	switch {
	case l.ConsumerID != "":
		return "consumer " + l.ConsumerID
	case l.ExternalID != "":
		return "external id " + l.ExternalID
	case l.Phone != "":
		return "phone " + l.Phone
	case l.Email != "":
		return "email " + l.Email
	}
	return "no consumer"
}

// Search is a partner's search through its consumers (LinkCy's
// consumer-list filters). Empty fields match everything; text fields match parts.
type Search struct {
	LastName, Phone, Email string
	// KYC keeps only consumers whose identity check is in this status.
	KYC KYCStatus
	// Overall keeps only ACTIVE or INACTIVE consumers; Banking, LinkCy,
	// Compliance and Suspension keep only consumers with that status
	// (LinkCy's values, e.g. Banking "VALIDATED").
	Overall, Banking, LinkCy, Compliance, Suspension string
	// Page counts from 0; PageSize is at most 100 (0: the provider's default).
	Page, PageSize int
}

// Keeps reports whether the search's status filters keep snap (its
// KYC status, and its statuses by name: overall, banking, linkcy,
// compliance, suspension). The text fields are not checked.
func (s Search) Keeps(snap Snapshot) bool {
	if s.KYC != "" && snap.KYC != s.KYC {
		return false
	}
	for name, want := range map[string]string{"overall": s.Overall, "banking": s.Banking, "linkcy": s.LinkCy,
		"compliance": s.Compliance, "suspension": s.Suspension} {
		if want == "" {
			continue
		}
		got := ""
		for _, it := range snap.Statuses {
			if it.Name == name {
				got = it.Value
			}
		}
		if got != want {
			return false
		}
	}
	return true
}

// ConsumerPage is one page of a Search.
type ConsumerPage struct {
	Consumers []Snapshot
	Page      int
	PageSize  int
	Total     int
}

// Pages returns how many pages the search has (at least 1).
func (p ConsumerPage) Pages() int {
	if p.PageSize <= 0 || p.Total <= p.PageSize {
		return 1
	}
	return (p.Total + p.PageSize - 1) / p.PageSize
}
