package flow

import (
	"strings"
	"unicode"

	"github.com/onboard-cli/onboard/api"
)

// The rules in this file decide what of a provider's answer is believed:
// a message that says something, an address that is one. A provider (or
// a mock of one) may send anything its specification allows; see
// docs/ARCHITECTURE.md, "The rules".

// placeholders are words a server puts where a message should be: a
// generator's default, a template never filled in.
func placeholders() []string {
	return []string{"string", "null", "nil", "undefined", "none", "n/a", "error", "message", "todo", "tbd", "test",
		"example", "placeholder", "description", "bad request", "ok", "false", "true", "0"}
}

// loremWords are the words of filler text (lorem ipsum), which a mock's
// generator writes into every free-text field.
func loremWords() []string {
	return []string{"lorem", "ipsum", "dolor", "dolore", "amet", "consectetur", "adipiscing", "elit", "sed", "eiusmod",
		"tempor", "incididunt", "labore", "magna", "aliqua", "enim", "minim", "veniam", "quis", "nostrud", "exercitation",
		"ullamco", "laboris", "nisi", "aliquip", "commodo", "consequat", "duis", "aute", "irure", "reprehenderit",
		"voluptate", "velit", "esse", "cillum", "fugiat", "nulla", "pariatur", "excepteur", "sint", "occaecat",
		"cupidatat", "proident", "sunt", "culpa", "officia", "deserunt", "mollit", "anim", "laborum", "est", "ut", "in",
		"et", "ex", "ea", "id", "do", "non", "qui", "ad", "eu", "aute", "nisi", "cillum", "ullamco"}
}

// Meaningless reports whether a provider's message says nothing a person
// can act on: empty, a placeholder ("String"), filler text (lorem ipsum),
// or not a sentence at all (a code, a lone word, mostly symbols or
// digits). Such a message is replaced by a sentence of ours.
func Meaningless(msg string) bool {
	s := strings.TrimSpace(api.SanitizeLine(msg))
	low := strings.ToLower(strings.TrimRight(s, ".!"))
	if low == "" {
		return true
	}
	for _, p := range placeholders() {
		if low == p {
			return true
		}
	}
	words := strings.FieldsFunc(low, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' })
	if len(words) < 2 || len(strings.Fields(low)) < 2 {
		return true // one word, a code (SOME_CODE), digits: not a sentence
	}
	lorem := 0
	for _, w := range words {
		for _, l := range loremWords() {
			if w == l {
				lorem++
				break
			}
		}
	}
	if lorem*2 > len(words) {
		return true
	}
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) || r == ' ' {
			letters++
		}
	}
	return letters*2 < len([]rune(s))
}

// TrustedEmail is the address a front end shows and sends to: mine, the
// one the person gave, when there is one (a code goes where the person
// said); otherwise the provider's when it is a well-formed address; "" when
// neither.
func TrustedEmail(provider, mine string) string {
	if mine != "" {
		return mine
	}
	if provider != "" && ValidateEmail(provider) == nil {
		return provider
	}
	return ""
}

// TrustedPhone is mine, the number the person gave, when there is one;
// otherwise the provider's when it is an E.164 number ("+" and 8 to 15
// digits, the first not 0); "" when neither.
func TrustedPhone(provider, mine string) string {
	if mine != "" {
		return mine
	}
	d := strings.TrimPrefix(provider, "+")
	if len(provider) == len(d)+1 && len(d) >= 8 && len(d) <= 15 && d[0] != '0' && strings.Trim(d, "0123456789") == "" {
		return provider
	}
	return ""
}

// Trust is snap with what failed its check taken out: an email address or
// a phone number that is not one is dropped (a front end then shows the
// one the person gave, or none). Statuses were already checked against
// their enums by the provider's adapter (api.OneOf).
func Trust(snap api.Snapshot) api.Snapshot {
	snap.Email = TrustedEmail(snap.Email, "")
	if snap.Email == "" {
		snap.EmailVerified = false
	}
	snap.Phone = TrustedPhone(snap.Phone, "")
	return snap
}

// PasswordRefused reports whether err refuses the password itself (so a
// new one is worth choosing): a validation error whose code or field
// names the password. A refusal of anything else (an id in the path, the
// phone) is not, and asking for another password would loop for nothing.
func PasswordRefused(err error) bool {
	ae, ok := api.AsError(err)
	if !ok || ae.Kind != api.KindInvalid || ae.Code == api.CodeBadID {
		return false
	}
	if strings.Contains(strings.ToUpper(ae.Code), "PASSWORD") {
		return true
	}
	for _, f := range ae.Fields {
		if strings.Contains(strings.ToLower(f.Field), "password") {
			return true
		}
	}
	return false
}
