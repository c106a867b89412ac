package flow

import (
	"errors"
	"strings"
	"unicode"
)

// maxActivationCode bounds an activation code as typed.
const maxActivationCode = 64

// NormalizeActivationCode reads an activation code as the provider's
// documentation has them: free-form, such as "ACTIVATION_CODE_MED_12345"
// (FinHub's example), or digits pasted with spaces or dashes between
// groups ("123 456"). It returns the code to send, or an error saying
// what is wrong.
func NormalizeActivationCode(s string) (string, error) {
	t := strings.TrimSpace(s)
	switch {
	case t == "":
		return "", errors.New("type the activation code from the email")
	case len(t) > maxActivationCode:
		return "", errors.New("this is longer than an activation code; copy the code alone from the email")
	}
	digitsOnly := strings.IndexFunc(t, func(r rune) bool {
		return !(r >= '0' && r <= '9' || unicode.IsSpace(r) || r == '-' || r == '.')
	}) < 0
	if digitsOnly {
		return strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, t), nil
	}
	if strings.IndexFunc(t, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-')
	}) >= 0 {
		return "", errors.New("an activation code has letters, digits, '_' and '-' only; copy it from the email")
	}
	return t, nil
}
