package finhub

// Category is one entry of the categorisation hierarchy.
type Category struct {
	DatabaseID   string `json:"databaseId,omitempty"`
	CategoryID   string `json:"categoryId"`
	CategoryName string `json:"categoryName"`
	Description  string `json:"description,omitempty"`
	// RiskLevel is x-inferred: the documentation gives the risk in the
	// category's name and features.
	RiskLevel string `json:"riskLevel,omitempty"`
}

// Hierarchy is GET …/categorization/hierarchy/{tenantId}'s data.
type Hierarchy struct {
	TenantID        string              `json:"tenantId"`
	TenantName      string              `json:"tenantName,omitempty"`
	ComplianceLevel string              `json:"complianceLevel,omitempty"`
	Categories      map[string]Category `json:"categories"`
}

// CategoryRef names the category a registration picks.
type CategoryRef struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
}

// Person is the individual behind a registration.
type Person struct {
	FirstName   string `json:"firstName"`
	LastName    string `json:"lastName"`
	Email       string `json:"email"`
	DateOfBirth string `json:"dateOfBirth"`
	Gender      string `json:"gender"`
	Nationality string `json:"nationality"`
}

// IndividualCustomer is the registration's nested customer record.
type IndividualCustomer struct {
	TenantID     string `json:"tenantId"`
	CustomerName string `json:"customerName"`
	Person       Person `json:"person"`
}

// RegistrationParams is the body of POST customer/individual/registration.
type RegistrationParams struct {
	FirstName          string             `json:"firstName"`
	LastName           string             `json:"lastName"`
	Email              string             `json:"email"`
	Phone              string             `json:"phone"`
	Password           string             `json:"password"`
	MatchingPassword   string             `json:"matchingPassword"`
	DateOfBirth        string             `json:"dateOfBirth"`
	Gender             string             `json:"gender"`
	Nationality        string             `json:"nationality"`
	RoleIDs            []string           `json:"roleIds"`
	CustomerCategory   CategoryRef        `json:"customerCategory"`
	IndividualCustomer IndividualCustomer `json:"individualCustomer"`
}

// User is a customer's login user.
type User struct {
	ID       string `json:"id"`
	Username string `json:"username,omitempty"`
	Email    string `json:"email,omitempty"`
	Status   string `json:"status,omitempty"`
}

// Customer is a registered customer.
type Customer struct {
	ID             string `json:"id"`
	TenantID       string `json:"tenantId,omitempty"`
	CustomerType   string `json:"customerType,omitempty"`
	CustomerStatus string `json:"customerStatus,omitempty"`
	User           User   `json:"user"`
}

// SessionParams is the body of POST …/users/{userId}/sessions.
type SessionParams struct {
	Username       string `json:"username"`
	Password       string `json:"password"`
	TenantKey      string `json:"tenantKey,omitempty"`
	TenantSecret   string `json:"tenantSecret,omitempty"`
	CredentialType string `json:"credentialType"`
	Value          string `json:"value"`
	TenantID       string `json:"tenantId"`
}

// Session is an opened or refreshed session.
type Session struct {
	SessionID    string `json:"sessionId"`
	UserID       string `json:"userId"`
	Token        string `json:"token"`
	RefreshToken string `json:"refreshToken"`
	// ExpiresAt is a local date-time without a zone, e.g.
	// "2026-01-14T10:03:42.197811165"; FinHub's clocks are UTC.
	ExpiresAt string `json:"expiresAt"`
	ErrorType string `json:"errorType,omitempty"`
}

// Verification is an identity verification.
type Verification struct {
	ID                string   `json:"verificationId"`
	Status            string   `json:"status"`
	RequiredDocuments []string `json:"requiredDocuments"`
}

// DocumentParams is the body of POST verifications/{id}/documents.
type DocumentParams struct {
	VerificationID string `json:"verificationId"`
	CustomerID     string `json:"customerId"`
	DocumentType   string `json:"documentType"`
	FileName       string `json:"fileName"`
	MimeType       string `json:"mimeType"`
	FileContent    string `json:"fileContent"` // base64
}

// ConsentParams is the body of POST …/consents/{type}.
type ConsentParams struct {
	Accepted bool   `json:"accepted"`
	Version  string `json:"version"`
}

// Consent is an accepted consent.
type Consent struct {
	ID          string `json:"id"`
	ConsentType string `json:"consentType"`
	Version     string `json:"version"`
	Status      string `json:"status"`
}

// ActivationCheck is GET …/activation/check's data.
type ActivationCheck struct {
	ActivationAllowed bool   `json:"activationAllowed"`
	ConsentOK         bool   `json:"consentOk"`
	VerificationOK    bool   `json:"verificationOk"`
	RiskLevel         string `json:"riskLevel,omitempty"`
	Message           string `json:"message,omitempty"`
	// VerificationStatus and MissingConsents come from the documentation's
	// other form of the check; CustomerStatus is x-inferred.
	VerificationStatus string   `json:"verificationStatus,omitempty"`
	MissingConsents    []string `json:"missingConsents,omitempty"`
	CustomerStatus     string   `json:"customerStatus,omitempty"`
}

// ActivationParams is the body of POST …/activation.
type ActivationParams struct {
	Code   string `json:"code"`
	UserID string `json:"userId"`
}

// Wallet is the wallet an activation opens.
type Wallet struct {
	WalletID string `json:"walletId"`
	IBAN     string `json:"iban,omitempty"`
	Currency string `json:"currency,omitempty"`
	Balance  string `json:"balance,omitempty"`
}

// Activation is POST …/activation's data.
type Activation struct {
	Wallet           Wallet `json:"wallet"`
	IBAN             string `json:"iban"`
	ActivationStatus string `json:"activationStatus"`
}
