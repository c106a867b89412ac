package linkcy

import (
	"encoding/json"
	"time"
)

// KYCStatus is a consumer's or a KYC application's identity-check state.
type KYCStatus string

// KYC statuses, as LinkCy sends them.
const (
	KYCNotStarted    KYCStatus = "NOT_STARTED"
	KYCCreated       KYCStatus = "CREATED"
	KYCProcessing    KYCStatus = "PROCESSING"
	KYCAborted       KYCStatus = "ABORTED"
	KYCPendingReview KYCStatus = "PENDING_REVIEW"
	KYCValidated     KYCStatus = "VALIDATED"
	KYCDeclined      KYCStatus = "DECLINED"
)

// Phone is a phone as sent to LinkCy: calling code (with or without "+")
// and the national number.
type Phone struct {
	CountryCode string `json:"countryCode"`
	Number      string `json:"number"`
}

// Address is LinkCy's EuropeanAddressRequest.
type Address struct {
	IsoCountryCode     string `json:"isoCountryCode,omitempty"`
	City               string `json:"city,omitempty"`
	PostalCode         string `json:"postalCode,omitempty"`
	Street             string `json:"street,omitempty"`
	Number             string `json:"number,omitempty"`
	Refinement         string `json:"refinement,omitempty"`
	StateOrProvince    string `json:"stateOrProvince,omitempty"`
	BypassVerification bool   `json:"bypassVerification,omitempty"`
}

// CreateConsumerParams is the body of POST /api/partner/consumers.
type CreateConsumerParams struct {
	PartnerName        string                     `json:"partnerName,omitempty"`
	FirstName          string                     `json:"firstName,omitempty"`
	MiddleName         string                     `json:"middleName,omitempty"`
	LastName           string                     `json:"lastName,omitempty"`
	ExternalID         string                     `json:"externalId,omitempty"`
	Phone              Phone                      `json:"phone"`
	Address            *Address                   `json:"address,omitempty"`
	EmailAddress       string                     `json:"emailAddress,omitempty"`
	SourceOfFunds      string                     `json:"sourceOfFunds,omitempty"`
	OtherSourceOfFunds string                     `json:"otherSourceOfFunds,omitempty"`
	Occupation         string                     `json:"occupation,omitempty"`
	OtherOccupation    string                     `json:"otherOccupation,omitempty"`
	LastTermsAccepted  string                     `json:"lastTermsAccepted,omitempty"`
	TaxID              string                     `json:"taxIdentificationNumber,omitempty"`
	TaxCountry         string                     `json:"taxCountry,omitempty"`
	AccountPurposes    []string                   `json:"accountPurposes,omitempty"`
	Metadata           map[string]json.RawMessage `json:"metadata,omitempty"`
}

// UpdateConsumerParams is the body of PATCH /api/partner/consumers/{id};
// empty fields are left out and so left unchanged.
type UpdateConsumerParams struct {
	ExternalID        string                     `json:"externalId,omitempty"`
	EmailAddress      string                     `json:"emailAddress,omitempty"`
	LastTermsAccepted string                     `json:"lastTermsAccepted,omitempty"`
	SourceOfFunds     string                     `json:"sourceOfFunds,omitempty"`
	Occupation        string                     `json:"occupation,omitempty"`
	Address           *Address                   `json:"address,omitempty"`
	UserMetadata      map[string]json.RawMessage `json:"userMetadata,omitempty"`
	PartnerMetadata   map[string]json.RawMessage `json:"partnerMetadata,omitempty"`
	// Phone changes the consumer's number (the consumer's own token):
	// it is then verified again with the phone code.
	Phone *Phone `json:"phone,omitempty"`
}

// ConsumerUpdate is the answer to a PATCH.
type ConsumerUpdate struct {
	ID         string    `json:"id"`
	UpdateDate time.Time `json:"updateDate"`
}

// PhoneInfo is the phone part of a consumer.
type PhoneInfo struct {
	CountryCode    string `json:"countryCode"`
	Number         string `json:"number"`
	PhoneValidated bool   `json:"phoneValidated"`
}

// KYCInfo is the KYC part of a consumer.
type KYCInfo struct {
	KYCStatus KYCStatus `json:"kycStatus"`
}

// EmailInfo is the email part of a consumer.
type EmailInfo struct {
	EmailAddress         string `json:"emailAddress"`
	EmailAddressVerified bool   `json:"emailAddressVerified"`
}

// Status holds a consumer's account statuses.
type Status struct {
	OverallStatus    string `json:"overallStatus"`
	LinkcyStatus     string `json:"linkcyStatus"`
	BankingStatus    string `json:"bankingStatus"`
	ComplianceStatus string `json:"complianceStatus"`
	SuspensionStatus string `json:"suspensionStatus"`
}

// Consumer is the full consumer record.
type Consumer struct {
	ID            string    `json:"id"`
	ExternalID    string    `json:"externalId,omitempty"`
	Phone         PhoneInfo `json:"phone"`
	KYCInfo       KYCInfo   `json:"kycInfo"`
	Status        Status    `json:"status"`
	TermsAccepted bool      `json:"termsAccepted"`
	FirstName     string    `json:"firstName,omitempty"`
	MiddleName    string    `json:"middleName,omitempty"`
	LastName      string    `json:"lastName,omitempty"`
	Email         EmailInfo `json:"email"`
	SourceOfFunds string    `json:"sourceOfFunds,omitempty"`
	Occupation    string    `json:"occupation,omitempty"`
	CreationDate  time.Time `json:"creationDate"`
	UpdateDate    time.Time `json:"updateDate"`
}

// ConsumerPage is one page of ListConsumers.
type ConsumerPage struct {
	Content       []Consumer `json:"content"`
	TotalElements int64      `json:"totalElements"`
	Page          int        `json:"page"`
	PageSize      int        `json:"pageSize"`
}

// ListConsumersParams are the seed-001 filters of GET /api/partner/consumers.
type ListConsumersParams struct {
	LastName         string
	Phone            string
	EmailAddress     string
	KYCStatus        []KYCStatus
	BankingStatus    []string
	SuspensionStatus []string
	LinkcyStatus     []string
	ComplianceStatus []string
	OverallStatus    string
	SortAttribute    string // UPDATE_DATE, LAST_NAME or CREATION_DATE
	SortDirection    string // ASC or DESC
	Page             int
	PageSize         int // at most 100; 0 means the provider's default
}

// Terms is the current terms-and-conditions document.
type Terms struct {
	Version string `json:"version"`
	URL     string `json:"url"`
	Content string `json:"content,omitempty"`
}

// EmailVerificationParams is the body of POST verifications/email/send.
type EmailVerificationParams struct {
	ConsumerID   string `json:"consumerId,omitempty"`
	EmailSubject string `json:"emailSubject,omitempty"`
	URLOnSuccess string `json:"urlOnSuccess,omitempty"`
	URLOnFailure string `json:"urlOnFailure,omitempty"`
}

// TTL is an answer carrying only a lifetime, as an ISO 8601 duration.
type TTL struct {
	TTL string `json:"ttl"`
}

// CreateKYCParams is the body of POST /api/partner/kyc.
type CreateKYCParams struct {
	ConsumerID       string       `json:"consumerId,omitempty"`
	KYCConfiguration KYCConfigReq `json:"kycConfiguration"`
}

// KYCConfigReq says how the user will reach the KYC.
type KYCConfigReq struct {
	AccessType    string `json:"accessType"` // LINK or SDK
	URLOnComplete string `json:"urlOnComplete,omitempty"`
	URLOnFailure  string `json:"urlOnFailure,omitempty"`
}

// KYCLink is the answer to CreateKYC.
type KYCLink struct {
	ID        string    `json:"id"`
	URL       string    `json:"url"`
	TTL       string    `json:"ttl"`
	KYCStatus KYCStatus `json:"kycStatus"`
}

// KYCApplication is one KYC application.
type KYCApplication struct {
	ID           string    `json:"id"`
	PersonID     string    `json:"personId"`
	PersonType   string    `json:"personType"`
	KYCStatus    KYCStatus `json:"kycStatus"`
	CreationDate time.Time `json:"creationDate"`
	UpdateDate   time.Time `json:"updateDate"`
}

// KYCPage is one page of ListKYC.
type KYCPage struct {
	Content       []KYCApplication `json:"content"`
	TotalElements int64            `json:"totalElements"`
	Page          int              `json:"page"`
	PageSize      int              `json:"pageSize"`
}

// ListKYCParams filter GET /api/partner/kyc.
type ListKYCParams struct {
	PersonType string
	PersonID   string
	KYCStatus  KYCStatus
	Page       int
	PageSize   int
}
