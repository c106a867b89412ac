package flow

import (
	"slices"
	"strings"
	"time"
	"unicode"
)

// The rules of an organisation (FinHub's B2B lifecycle): each returns the
// problems it finds with their paths in an --organization file, so that
// headless mode names them there and the wizard shows them by field or
// row. The messages are sentences of their own for the front ends to
// translate (internal/i18n/fr.go).

// ParseISODate reads a date written YYYY-MM-DD, as FinHub and an
// --organization file write them.
func ParseISODate(s string) (time.Time, error) {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, Say("write the date as year-month-day, e.g. 2015-03-20")
	}
	return t, nil
}

// ValidateIncorporation checks an incorporation date: a real date, not
// after now.
func ValidateIncorporation(s string, now time.Time) error {
	if strings.TrimSpace(s) == "" {
		return Say("type the date the company was incorporated, e.g. 2015-03-20")
	}
	t, err := ParseISODate(s)
	switch {
	case err != nil:
		return err
	case t.Year() < 1800:
		return Say("the year of incorporation must be 1800 or later")
	case t.After(now):
		return Say("the incorporation date is in the future")
	}
	return nil
}

// ValidatePersonBirth checks the date of birth of a person of the
// organisation: YYYY-MM-DD, and 18 or over at now (FinHub serves adults).
func ValidatePersonBirth(s string, now time.Time) error {
	if strings.TrimSpace(s) == "" {
		return Say("type the date of birth, e.g. 1980-05-15")
	}
	t, err := ParseISODate(s)
	switch {
	case err != nil:
		return err
	case t.Year() < 1900:
		return Say("the year of birth must be 1900 or later")
	case t.AddDate(18, 0, 0).After(now):
		return Say("every person of the organisation must be 18 or over")
	}
	return nil
}

// ValidateRegistrationNumber checks the shape of a company registration
// number: FinHub's documentation gives no format beyond examples such as
// REG-1234567890, so onboard asks for 2 to 40 letters, digits, spaces and
// - / . characters, with at least one digit.
func ValidateRegistrationNumber(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return Say("type the company's registration number")
	}
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r < 0x80 && (unicode.IsLetter(r) || strings.ContainsRune(" -/.", r)):
		default:
			return Say("a registration number has letters, digits, spaces and - / . only")
		}
	}
	if len(s) < 2 || len(s) > 40 || digits == 0 {
		return Say("a registration number has 2 to 40 characters, at least one a digit")
	}
	return nil
}

// ValidateIntlPhone checks a phone number written internationally: a +,
// then 8 to 15 digits (spaces allowed).
func ValidateIntlPhone(s string) error {
	d := strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	if !strings.HasPrefix(d, "+") || len(d) < 9 || len(d) > 16 || strings.IndexFunc(d[1:], func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
		return Say("write the phone number with + and the country code, e.g. +442071234567")
	}
	return nil
}

// validateText checks a required free text of at most max characters.
func validateText(s, missing string, max int) error {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return Say(missing)
	case len([]rune(s)) > max:
		return Say("this is longer than %d characters", max)
	case strings.IndexFunc(s, unicode.IsControl) >= 0:
		return Say("this has a control character; type it again")
	}
	return nil
}

// problems collects FieldErrors under a path prefix.
type problems struct {
	out   Problems
	email string
}

func (p *problems) add(path string, err error) {
	if err != nil {
		p.out = append(p.out, FieldError{Path: path, Msg: err.Error(), Email: p.email})
	}
}

// CompanyProblems checks the company's details, at now.
func CompanyProblems(c Company, now time.Time) Problems {
	var p problems
	p.add("company.legalName", validateText(c.LegalName, "type the company's legal name", 255))
	p.add("company.registrationNumber", ValidateRegistrationNumber(c.RegistrationNumber))
	p.add("company.country", ValidateCountry(c.Country))
	if !slices.Contains(LegalForms(), c.LegalForm) {
		p.add("company.legalForm", Say("choose a legal form: %s", strings.Join(LegalForms(), ", ")))
	}
	p.add("company.incorporationDate", ValidateIncorporation(c.IncorporationDate, now))
	p.add("company.address.street", validateText(c.Address.Street, "type the street of the registered office", 200))
	p.add("company.address.city", validateText(c.Address.City, "type the city of the registered office", 100))
	p.add("company.address.postalCode", validateText(c.Address.PostalCode, "type the postal code of the registered office", 20))
	p.add("company.address.country", ValidateCountry(c.Address.Country))
	p.add("company.email", ValidateEmail(c.Email))
	p.add("company.phone", ValidateIntlPhone(c.Phone))
	return p.out
}

// PersonProblems checks one person's details, at path ("directors[0]").
func PersonProblems(pr Person, path string, now time.Time) Problems {
	p := problems{email: pr.Email}
	p.add(path+".firstName", validateText(pr.FirstName, "type the first name", 100))
	p.add(path+".lastName", validateText(pr.LastName, "type the last name", 100))
	p.add(path+".email", ValidateEmail(pr.Email))
	if strings.TrimSpace(pr.Phone) != "" {
		p.add(path+".phone", ValidateIntlPhone(pr.Phone))
	}
	p.add(path+".dateOfBirth", ValidatePersonBirth(pr.DateOfBirth, now))
	p.add(path+".nationality", ValidateCountry(pr.Nationality))
	return p.out
}
