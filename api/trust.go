package api

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Account is where the provider says the account itself stands, apart
// from the steps of a plan: only AccountActive is onboarded (flow.Summary).
// Each adapter maps its provider's statuses to it (LinkCy: overall ACTIVE
// and not suspended; Weavr: an active root user with approved due
// diligence; FinHub: CS_ACTIVE).
type Account string

// The account states a provider's statuses map to. The zero value is an
// account the provider said nothing (or nothing documented) about.
const (
	AccountUnknown   Account = ""
	AccountPending   Account = "PENDING"
	AccountActive    Account = "ACTIVE"
	AccountSuspended Account = "SUSPENDED"
)

// maxShownStatus bounds a status value from a provider that is shown as
// "unknown (X)".
const maxShownStatus = 32

// Unknown is how a status value outside the provider's documented enum is
// shown: "unknown (X)", X sanitized and cut to 32 characters.
func Unknown(raw string) string {
	s := SanitizeLine(raw)
	if utf8.RuneCountInString(s) > maxShownStatus {
		s = string([]rune(s)[:maxShownStatus-1]) + "…"
	}
	return "unknown (" + s + ")"
}

// IsUnknown reports whether a shown status is one Unknown made.
func IsUnknown(shown string) bool { return strings.HasPrefix(shown, "unknown (") }

// OneOf is raw when it is one of the documented values (or empty: not
// said), and Unknown(raw) otherwise.
func OneOf(raw string, documented ...string) string {
	if raw == "" || slices.Contains(documented, raw) {
		return raw
	}
	return Unknown(raw)
}

// CodeBadID is the Code of the error a client returns instead of sending
// a request whose path would carry an id that is not in the provider's
// documented format.
const CodeBadID = "ONBOARD_BAD_ID"

// IDFormat is a provider's documented format for an id that goes into a
// path.
type IDFormat int

// The id formats the providers document.
const (
	// IDUUID is LinkCy's: format uuid.
	IDUUID IDFormat = iota
	// IDDigits is Weavr's: ^[0-9]+$.
	IDDigits
	// IDToken is an id the provider documents only as a string
	// (FinHub's, whose user ids may be email addresses): 1 to 128
	// letters, digits, '-', '_', '.' or '@', which a path segment can
	// carry.
	IDToken
)

// String names the format for a sentence.
func (f IDFormat) String() string {
	switch f {
	case IDUUID:
		return "a UUID"
	case IDDigits:
		return "digits"
	}
	return "letters, digits, '-', '_', '.' or '@'"
}

// Valid reports whether id is in format f.
func (f IDFormat) Valid(id string) bool {
	switch f {
	case IDUUID:
		return isUUID(id)
	case IDDigits:
		return isDigits(id)
	}
	return isToken(id)
}

// CheckID returns nil when id is in format f, and otherwise the error a
// client of provider returns for operation op instead of sending it: its
// Kind is KindInvalid, its Code CodeBadID and its field what (the path's
// parameter, e.g. "consumerId"). The id itself is not kept: it came from
// a server and may be anything.
func CheckID(provider, op, what, id string, f IDFormat) error {
	if f.Valid(id) {
		return nil
	}
	msg := fmt.Sprintf("The provider gave an %s that is not in its documented format (%s), so onboard did not send the request.", what, f)
	return &Error{Provider: provider, Op: op, Kind: KindInvalid, Code: CodeBadID, Message: msg,
		Fields: []FieldError{{Field: what, Message: "not in the documented format (" + f.String() + ")"}}}
}

func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, r := range s {
		switch i {
		case 8, 13, 18, 23:
			if r != '-' {
				return false
			}
		default:
			if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
				return false
			}
		}
	}
	return true
}

func isDigits(s string) bool {
	return s != "" && len(s) <= 64 && strings.Trim(s, "0123456789") == ""
}

func isToken(s string) bool {
	if s == "" || len(s) > 128 || s == "." || s == ".." {
		return false
	}
	return strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.' || r == '@')
	}) < 0
}
