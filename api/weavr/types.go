package weavr

// IdentityID names an identity: {"type": "CONSUMER", "id": "1234"}.
type IdentityID struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

// Mobile is a mobile number; CountryCode keeps its "+".
type Mobile struct {
	CountryCode string `json:"countryCode"`
	Number      string `json:"number"`
}

// Date is a calendar date.
type Date struct {
	Year  int `json:"year"`
	Month int `json:"month"`
	Day   int `json:"day"`
}

// Address is a postal address; only Country is required.
type Address struct {
	AddressLine1 string `json:"addressLine1,omitempty"`
	AddressLine2 string `json:"addressLine2,omitempty"`
	City         string `json:"city,omitempty"`
	PostCode     string `json:"postCode,omitempty"`
	State        string `json:"state,omitempty"`
	Country      string `json:"country"`
}

// RootUserParams is the person behind a new consumer.
type RootUserParams struct {
	Name        string  `json:"name"`
	Surname     string  `json:"surname"`
	Email       string  `json:"email"`
	Mobile      Mobile  `json:"mobile"`
	DateOfBirth Date    `json:"dateOfBirth"`
	Address     Address `json:"address"`
	Nationality string  `json:"nationality,omitempty"`
	Locale      string  `json:"locale,omitempty"`
}

// CreateConsumerParams is the body of POST /consumers.
type CreateConsumerParams struct {
	ProfileID     string         `json:"profileId"`
	Tag           string         `json:"tag,omitempty"`
	RootUser      RootUserParams `json:"rootUser"`
	IPAddress     string         `json:"ipAddress"`
	AcceptedTerms bool           `json:"acceptedTerms,omitempty"`
	BaseCurrency  string         `json:"baseCurrency,omitempty"`
}

// RootUser is the consumer's root user as Weavr returns it.
type RootUser struct {
	ID                   IdentityID `json:"id"`
	Name                 string     `json:"name"`
	Surname              string     `json:"surname"`
	Email                string     `json:"email"`
	Mobile               Mobile     `json:"mobile"`
	Active               bool       `json:"active"`
	EmailVerified        bool       `json:"emailVerified"`
	MobileNumberVerified bool       `json:"mobileNumberVerified"`
	DateOfBirth          *Date      `json:"dateOfBirth,omitempty"`
}

// Consumer is a consumer identity.
type Consumer struct {
	ID                IdentityID `json:"id"`
	ProfileID         string     `json:"profileId"`
	Tag               string     `json:"tag,omitempty"`
	RootUser          RootUser   `json:"rootUser"`
	CreationTimestamp int64      `json:"creationTimestamp"`
	IPAddress         string     `json:"ipAddress"`
	AcceptedTerms     bool       `json:"acceptedTerms"`
	BaseCurrency      string     `json:"baseCurrency,omitempty"`
}

// secretValue is how Weavr wraps a password: {"value": "…"}.
type secretValue struct {
	Value string `json:"value"`
}

// Login is the answer to a login or a password creation. Its String never
// shows the token.
type Login struct {
	Token     string     `json:"token"`
	TokenType string     `json:"tokenType,omitempty"`
	Identity  IdentityID `json:"identity"`
}

// String implements fmt.Stringer without the token.
func (l Login) String() string {
	return "weavr.Login{Identity:" + l.Identity.Type + "/" + l.Identity.ID + "}"
}

// GoString implements fmt.GoStringer without the token.
func (l Login) GoString() string { return l.String() }

// passwordCreated is the answer to POST /passwords/{user_id}/create.
type passwordCreated struct {
	PasswordInfo struct {
		IdentityID IdentityID `json:"identityId"`
		ExpiryDate int64      `json:"expiryDate,omitempty"`
	} `json:"passwordInfo"`
	Token string `json:"token"`
}

// KYC statuses (KyiStatus, fullDueDiligence).
const (
	KYCNotStarted    = "NOT_STARTED"
	KYCInitiated     = "INITIATED"
	KYCPendingReview = "PENDING_REVIEW"
	KYCApproved      = "APPROVED"
	KYCRejected      = "REJECTED"
)

// KYC is the answer to GET /consumers/kyc.
type KYC struct {
	FullDueDiligence        string `json:"fullDueDiligence"`
	OngoingFullDueDiligence string `json:"ongoingFullDueDiligence"`
	KYCLevel                string `json:"kycLevel,omitempty"`
}

// KYCStart is the answer to POST /consumers/kyc: the reference that
// initialises Weavr's KYC UI component.
type KYCStart struct {
	Reference string `json:"reference"`
	KYCLevel  string `json:"kycLevel,omitempty"`
}
