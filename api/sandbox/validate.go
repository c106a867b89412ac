package sandbox

import (
	"encoding/json"
	"fmt"
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"

	"github.com/onboard-cli/onboard/assets"
	"github.com/onboard-cli/onboard/internal/lazyregexp"
)

func jsonType(kind string) string {
	switch kind {
	case "string":
		return "string"
	case "struct", "map":
		return "JSON object"
	case "slice":
		return "JSON array"
	case "bool":
		return "boolean"
	}
	return "number"
}

func callingCodeSet() map[string]bool {
	set := map[string]bool{}
	for _, c := range assets.CallingCodes() {
		set[c] = true
	}
	return set
}

type phoneIn struct {
	CountryCode string `json:"countryCode"`
	Number      string `json:"number"`
}

// validatePhone checks the calling code against LinkCy's list and the number
// against the numbering plan for that code. It returns the code without "+",
// the national number and the full digits.
func (s *Server) validatePhone(p *phoneIn) (cc, national, digits string, err error) {
	if p == nil {
		return "", "", "", fieldErr(codeValidation, "phone", nil, "phone is required.")
	}
	cc = strings.TrimPrefix(strings.TrimSpace(p.CountryCode), "+")
	if !s.codes[cc] {
		return "", "", "", fieldErr(codeInvalidCountry, "phone.countryCode", p.CountryCode,
			"Calling code %q is not one LinkCy serves.", p.CountryCode)
	}
	national = strings.TrimSpace(p.Number)
	if !reNational.MatchString(national) {
		return "", "", "", fieldErr(codeInvalidPhone, "phone.number", p.Number,
			"The number must be digits only, without the calling code.")
	}
	n, perr := phonenumbers.Parse("+"+cc+national, "")
	if perr != nil || !phonenumbers.IsValidNumber(n) {
		return "", "", "", fieldErr(codeInvalidPhone, "phone.number", p.Number,
			"+%s %s is not a valid phone number.", cc, national)
	}
	// Canonical digits: the calling code and the national significant
	// number (a trunk 0 typed after the code is dropped).
	digits = strings.TrimPrefix(phonenumbers.Format(n, phonenumbers.E164), "+")
	cc = fmt.Sprint(n.GetCountryCode())
	return cc, phonenumbers.GetNationalSignificantNumber(n), digits, nil
}

// createConsumerIn is the sandbox's own reading of ConsumerCreateRequest.
type createConsumerIn struct {
	PartnerName        string          `json:"partnerName"`
	FirstName          string          `json:"firstName"`
	MiddleName         string          `json:"middleName"`
	LastName           string          `json:"lastName"`
	ExternalID         string          `json:"externalId"`
	Phone              *phoneIn        `json:"phone"`
	Address            json.RawMessage `json:"address"`
	EmailAddress       string          `json:"emailAddress"`
	SourceOfFunds      string          `json:"sourceOfFunds"`
	OtherSourceOfFunds string          `json:"otherSourceOfFunds"`
	Occupation         string          `json:"occupation"`
	OtherOccupation    string          `json:"otherOccupation"`
	LastTermsAccepted  string          `json:"lastTermsAccepted"`
	TaxID              string          `json:"taxIdentificationNumber"`
	TaxCountry         string          `json:"taxCountry"`
	AccountPurposes    []string        `json:"accountPurposes"`
	ExpectedExpenses   json.RawMessage `json:"expectedMonthlyExpenses"`
	Metadata           json.RawMessage `json:"metadata"`
}

func (in *createConsumerIn) validate() error {
	checks := []func() error{
		func() error { return latin1("firstName", in.FirstName) },
		func() error { return latin1("middleName", in.MiddleName) },
		func() error { return latin1("lastName", in.LastName) },
		func() error { return maxLen("externalId", in.ExternalID, 511) },
		func() error { return email("emailAddress", in.EmailAddress) },
		func() error { return oneOf("sourceOfFunds", in.SourceOfFunds, sourcesOfFunds()) },
		func() error { return maxLen("otherSourceOfFunds", in.OtherSourceOfFunds, 511) },
		func() error { return oneOf("occupation", in.Occupation, occupations()) },
		func() error { return maxLen("otherOccupation", in.OtherOccupation, 511) },
		func() error { return maxLen("taxIdentificationNumber", in.TaxID, 255) },
		func() error {
			return pattern("taxCountry", in.TaxCountry, reAlpha3, "an ISO 3166 alpha-3 code such as FRA")
		},
		func() error { return purposes(in.AccountPurposes) },
		func() error { return metadata("metadata", in.Metadata) },
		func() error { return maxLen("lastTermsAccepted", in.LastTermsAccepted, 32) },
	}
	for _, c := range checks {
		if err := c(); err != nil {
			return err
		}
	}
	return nil
}

// extraJSON keeps the optional fields the sandbox does not act on, so GET
// answers them back.
func (in *createConsumerIn) extraJSON() string {
	extra := map[string]any{}
	put := func(k string, v any, present bool) {
		if present {
			extra[k] = v
		}
	}
	put("address", in.Address, len(in.Address) > 0 && string(in.Address) != "null")
	put("otherSourceOfFunds", in.OtherSourceOfFunds, in.OtherSourceOfFunds != "")
	put("otherOccupation", in.OtherOccupation, in.OtherOccupation != "")
	put("taxIdentificationNumber", in.TaxID, in.TaxID != "")
	put("taxCountry", in.TaxCountry, in.TaxCountry != "")
	put("accountPurposes", in.AccountPurposes, len(in.AccountPurposes) > 0)
	put("expectedMonthlyExpenses", in.ExpectedExpenses, len(in.ExpectedExpenses) > 0 && string(in.ExpectedExpenses) != "null")
	put("metadata", in.Metadata, len(in.Metadata) > 0 && string(in.Metadata) != "null")
	b, _ := json.Marshal(extra) // only JSON-able values above
	return string(b)
}

// updateConsumerIn uses pointers: an absent field stays as it is.
type updateConsumerIn struct {
	ExternalID        *string         `json:"externalId"`
	EmailAddress      *string         `json:"emailAddress"`
	LastTermsAccepted *string         `json:"lastTermsAccepted"`
	SourceOfFunds     *string         `json:"sourceOfFunds"`
	Occupation        *string         `json:"occupation"`
	Address           json.RawMessage `json:"address"`
	Phone             *phoneIn        `json:"phone"`
	Metadata          json.RawMessage `json:"metadata"`
	UserMetadata      json.RawMessage `json:"userMetadata"`
	PartnerMetadata   json.RawMessage `json:"partnerMetadata"`
}

func (in *updateConsumerIn) validate() error {
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	if in.EmailAddress != nil && strings.TrimSpace(*in.EmailAddress) == "" {
		return fieldErr(codeValidation, "emailAddress", "", "emailAddress cannot be emptied.")
	}
	checks := []func() error{
		func() error { return maxLen("externalId", str(in.ExternalID), 511) },
		func() error { return email("emailAddress", str(in.EmailAddress)) },
		func() error { return oneOf("sourceOfFunds", str(in.SourceOfFunds), sourcesOfFunds()) },
		func() error { return oneOf("occupation", str(in.Occupation), occupations()) },
		func() error { return maxLen("lastTermsAccepted", str(in.LastTermsAccepted), 32) },
		func() error { return metadata("metadata", in.Metadata) },
		func() error { return metadata("userMetadata", in.UserMetadata) },
		func() error { return metadata("partnerMetadata", in.PartnerMetadata) },
	}
	for _, c := range checks {
		if err := c(); err != nil {
			return err
		}
	}
	return nil
}

func (in *updateConsumerIn) mergeExtra(old string) string {
	extra := map[string]json.RawMessage{}
	_ = json.Unmarshal([]byte(old), &extra) // a corrupt blob starts afresh
	for k, v := range map[string]json.RawMessage{"address": in.Address, "metadata": in.Metadata,
		"userMetadata": in.UserMetadata, "partnerMetadata": in.PartnerMetadata} {
		if len(v) > 0 {
			extra[k] = v
		}
	}
	b, _ := json.Marshal(extra)
	return string(b)
}

func sourcesOfFunds() []string {
	return []string{"COMPENSATION_PAYOUT", "COMPANY_PROFITS", "COMPANY_SALE", "DIVIDEND_PAYMENTS", "DIVORCE_SETTLEMENT",
		"FIXED_DEPOSITS", "GIFT", "INHERITANCE", "INSURANCE_PAYOUT", "LOAN", "LOTTERY_OR_GAMBLING_WIN", "RETIREMENT_INCOME",
		"SALE_OF_INVESTMENT", "SALE_OF_PROPERTY", "SAVINGS_FROM_SALARY", "OTHER"}
}

func occupations() []string {
	return []string{"BUSINESS_OWNER", "CLERGY", "CRAFTSMAN", "ENGINEER", "EXECUTIVE", "FARMER", "FREELANCE",
		"LIBERAL_PROFESSION", "POLITICIAN", "PROFESSOR", "PUBLIC_SERVANT", "RETIRED", "SHOPKEEPER", "STUDENT", "UNEMPLOYED",
		"WORKER", "OTHER"}
}

func latin1(field, v string) error {
	for _, r := range v {
		if r > 0xFF || unicode.IsControl(r) {
			return fieldErr(codeInvalidName, field, v, "%s must only contain Latin-1 characters (%q is not).", field, string(r))
		}
	}
	return maxLen(field, v, 255)
}

func maxLen(field, v string, n int) error {
	if utf8.RuneCountInString(v) > n {
		return fieldErr(codeValidation, field, nil, "%s must be at most %d characters.", field, n)
	}
	return nil
}

func email(field, v string) error {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil
	}
	a, err := mail.ParseAddress(v)
	if err != nil || a.Address != v || !strings.Contains(v[strings.LastIndex(v, "@")+1:], ".") {
		return fieldErr(codeValidation, field, v, "%s must be an email address such as ada@example.com.", field)
	}
	return maxLen(field, v, 254)
}

func oneOf(field, v string, allowed []string) error {
	if v == "" {
		return nil
	}
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return fieldErr(codeValidation, field, v, "%s must be one of %s.", field, strings.Join(allowed, ", "))
}

// The patterns fields are checked against, compiled once.
var (
	reLanguage   = lazyregexp.New(`^[a-z]{2}$`)
	reAlpha3     = lazyregexp.New(`^[A-Z]{3}$`)
	rePurpose    = lazyregexp.New(`^[A-Z_]+$`)
	reCode       = lazyregexp.New(`^[0-9]{6}$`)
	reNational   = lazyregexp.New(`^[0-9]{2,15}$`)
	reFullDigits = lazyregexp.New(`^[0-9]{2,17}$`)
)

func pattern(field, v string, re *lazyregexp.Regexp, what string) error {
	if v == "" || re.MatchString(v) {
		return nil
	}
	return fieldErr(codeValidation, field, v, "%s must be %s.", field, what)
}

func purposes(v []string) error {
	seen := map[string]bool{}
	for _, p := range v {
		if err := pattern("accountPurposes", p, rePurpose, "upper-case words joined by _"); err != nil {
			return err
		}
		if seen[p] {
			return fieldErr(codeValidation, "accountPurposes", p, "accountPurposes must not repeat %s.", p)
		}
		seen[p] = true
	}
	return nil
}

func metadata(field string, raw json.RawMessage) error {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return fieldErr(codeValidation, field, nil, "%s must be a JSON object.", field)
	}
	compact, _ := json.Marshal(obj)
	if utf8.RuneCount(compact) > 3000 {
		return fieldErr(codeValidation, field, nil, "%s must be at most 3000 characters once serialised.", field)
	}
	return nil
}
