package flow

import (
	"net/mail"
	"strings"
	"time"
	"unicode"

	"github.com/onboard-cli/onboard/api"
)

// NormalizeSecret accepts a pasted "123 456", "123-456" or " 123456 " and
// returns the 6 digits, or an error saying what is wrong.
func NormalizeSecret(s string) (string, error) { return NormalizeCode(s, "SMS") }

// NormalizeCode is NormalizeSecret for a code that came by via ("SMS" or
// "email"), which the error names.
func NormalizeCode(s, via string) (string, error) {
	d := strings.Map(func(r rune) rune {
		switch {
		case r >= '0' && r <= '9':
			return r
		case unicode.IsSpace(r) || r == '-' || r == '.':
			return -1
		}
		return 'x'
	}, s)
	switch {
	case d == "":
		return "", Say("type the 6-digit code from the %s", Say(via))
	case strings.ContainsRune(d, 'x'):
		return "", Say("the code has digits only")
	case len(d) != 6:
		return "", Say("the code has 6 digits; this has %d", len(d))
	}
	return d, nil
}

// PasswordRules are the rules to show before the password is typed.
func PasswordRules() []string {
	var out []string
	for _, r := range api.PasswordRules() {
		out = append(out, r.Text)
	}
	return out
}

// ValidatePassword checks a new password against the rules and its
// confirmation; phone is the consumer's, which the password must not contain.
func ValidatePassword(pw, confirm string, phone api.Phone) error {
	if r := api.CheckPassword(pw, phone.CallingCode+phone.National); r != nil {
		return Say("the password needs %s", Say(r.Text))
	}
	if confirm != pw {
		return Say("the two passwords differ; type the same one twice")
	}
	return nil
}

// ValidateEmail accepts a plain address such as ada@example.com. A wrong
// one is told what is wrong with it, never offered somebody's address.
func ValidateEmail(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return Say("type your email address")
	}
	at := strings.LastIndex(s, "@")
	switch a, err := mail.ParseAddress(s); {
	case at < 0:
		return Say("this is not an email address: it has no @")
	case at == 0 || at == len(s)-1:
		return Say("this is not an email address: it needs a name before the @ and a domain after it")
	case !strings.Contains(s[at+1:], "."):
		return Say("this is not an email address: the domain after the @ has no dot (such as example.com)")
	case err != nil || a.Address != s:
		return Say("this is not an email address: check it for spaces, brackets or a second @")
	}
	return nil
}

// ValidateName accepts an optional name in Latin-1, as LinkCy requires.
func ValidateName(s string) error {
	for _, r := range s {
		if r > 0xFF || unicode.IsControl(r) {
			return Say("names must use Latin letters (accents such as é, ü and ø are fine); %q is not accepted", string(r))
		}
	}
	if len([]rune(s)) > 255 {
		return Say("this name is longer than 255 characters")
	}
	return nil
}

// ParseBirthDate reads a date of birth typed as 1990-12-31 (also
// 31/12/1990 or 31.12.1990) and checks that the person is an adult
// (18 or over at now) and the date plausible.
func ParseBirthDate(s string, now time.Time) (api.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return api.Date{}, Say("type your date of birth, e.g. 1990-12-31")
	}
	var t time.Time
	var err error
	for _, layout := range []string{"2006-01-02", "02/01/2006", "02.01.2006", "2/1/2006"} {
		if t, err = time.Parse(layout, s); err == nil {
			break
		}
	}
	if err != nil {
		return api.Date{}, Say("this is not a date; type it as year-month-day, e.g. 1990-12-31")
	}
	d := api.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
	adult := time.Date(d.Year+18, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
	switch {
	case d.Year < 1900:
		return api.Date{}, Say("the year must be 1900 or later")
	case adult.After(now):
		return api.Date{}, Say("you must be 18 or over to open an account")
	}
	return d, nil
}

// ValidateCountry accepts an ISO 3166 alpha-2 country code (FR, GB, …)
// among the regions onboard knows.
func ValidateCountry(s string) error {
	if len(s) != 2 || strings.ToUpper(s) != s {
		return Say("use the two-letter country code in capitals, e.g. FR or GB")
	}
	if !knownRegion(s) {
		return Say("%s is not a country code onboard knows; use the two-letter code, e.g. FR or GB", s)
	}
	return nil
}

// ParseGender reads a gender as FinHub wants it (MALE, FEMALE or OTHER),
// from any case and the first letter alone.
func ParseGender(s string) (string, error) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "F", "FEMALE", "FEMME":
		return "FEMALE", nil
	case "M", "MALE", "HOMME":
		return "MALE", nil
	case "O", "OTHER", "AUTRE":
		return "OTHER", nil
	}
	return "", Say("choose female, male or other")
}
