package api

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// PasswordRule is one requirement a new password must meet.
type PasswordRule struct {
	// Text describes the rule to a person, before they type.
	Text string
	// ok reports whether pw meets the rule; phone is the consumer's phone
	// digits (may be empty).
	ok func(pw, phone string) bool
}

// PasswordRules returns the rules the embedded sandbox enforces and the
// wizard shows before the password is typed. LinkCy documents no policy of
// its own, so the sandbox's is the strictest reasonable reading.
func PasswordRules() []PasswordRule {
	return []PasswordRule{
		{"at least 8 characters", func(pw, _ string) bool { return utf8.RuneCountInString(pw) >= 8 }},
		{"at most 128 characters", func(pw, _ string) bool { return utf8.RuneCountInString(pw) <= 128 }},
		{"a letter", func(pw, _ string) bool { return strings.IndexFunc(pw, unicode.IsLetter) >= 0 }},
		{"a digit", func(pw, _ string) bool { return strings.IndexFunc(pw, unicode.IsDigit) >= 0 }},
		{"a symbol such as ! ? - or #", func(pw, _ string) bool {
			return strings.IndexFunc(pw, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsSpace(r) }) >= 0
		}},
		{"not your phone number", func(pw, phone string) bool {
			return len(phone) < 6 || !strings.Contains(OnlyDigits(pw), phone[len(phone)-6:])
		}},
	}
}

// CheckPassword returns the first rule pw breaks, or nil when it meets them all.
func CheckPassword(pw, phoneDigits string) *PasswordRule {
	for _, r := range PasswordRules() {
		if !r.ok(pw, phoneDigits) {
			return &r
		}
	}
	return nil
}

// OnlyDigits keeps the ASCII digits of s: a phone number as the
// providers and the sandbox compare them.
func OnlyDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// Met reports whether pw meets the rule; phoneDigits is the consumer's
// phone (calling code and national number), which may be empty.
func (r PasswordRule) Met(pw, phoneDigits string) bool { return r.ok(pw, phoneDigits) }
