package flow

import (
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/nyaruka/phonenumbers"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/onboard-cli/onboard/api"
)

// WarmPhoneNumbers unzips and indexes the phone-number metadata now,
// which phonenumbers otherwise does at its first use (third_party/phonenumbers
// does it lazily, about 1 ms of CPU, so that the wizard's first frame does
// not wait for it, and decodes each region only when it is first read). A
// headless run, which parses a number within milliseconds, calls it on a
// goroutine of its own as it starts, beside the sandbox's start.
func WarmPhoneNumbers() { phonenumbers.GetSupportedRegions() }

// Country is one entry of the country picker.
type Country struct {
	Region      string // ISO 3166 alpha-2, e.g. "FR"
	Name        string // in the wizard's language
	CallingCode string // digits, e.g. "33"
	key         string // Name folded once for sorting and filtering
}

// Countries returns the countries whose calling code is in codes (a
// provider's list, such as LinkCy's), named in lang and sorted by name.
// A code shared by several countries (+1, +44, +7) gives each of them.
func Countries(codes []string, lang string) []Country {
	namer := display.English.Regions()
	if lang == "fr" {
		namer = display.French.Regions()
	}
	seen := map[string]bool{}
	var out []Country
	for _, c := range codes {
		n, err := strconv.Atoi(c)
		if err != nil {
			continue
		}
		for _, region := range phonenumbers.GetRegionCodesForCountryCode(n) {
			if seen[region] || region == "001" {
				continue
			}
			seen[region] = true
			name := region
			if r, err := language.ParseRegion(region); err == nil {
				if s := namer.Name(r); s != "" {
					name = s
				}
			}
			out = append(out, Country{Region: region, Name: name, CallingCode: c, key: fold(name)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].key < out[j].key })
	return out
}

// fold lowers s and strips its accents ("Curaçao" → "curacao", "Åland" →
// "aland"), so a filter typed without accents still matches.
func fold(s string) string {
	out, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s)
	if err != nil {
		out = s
	}
	return strings.ToLower(out)
}

// Match reports whether the country matches a picker filter: a name
// prefix or word, a region code, or a calling code ("+33", "33").
func (c Country) Match(filter string) bool {
	f := fold(strings.TrimSpace(filter))
	if f == "" {
		return true
	}
	if d := strings.TrimPrefix(f, "+"); d != "" && strings.Trim(d, "0123456789") == "" {
		return strings.HasPrefix(c.CallingCode, d)
	}
	if strings.EqualFold(f, c.Region) {
		return true
	}
	for _, w := range strings.FieldsFunc(c.key, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if strings.HasPrefix(w, f) {
			return true
		}
	}
	return strings.HasPrefix(c.key, f)
}

// ParsedPhone is a phone number understood and validated.
type ParsedPhone struct {
	api.Phone
	Region        string // the country it belongs to, e.g. "GB" (not Guernsey's "GG" for a UK mobile)
	International string // "+33 6 12 34 56 78"
	National      string // "06 12 34 56 78"
}

// Phone errors, each with the sentence to show.
var (
	ErrPhoneEmpty       error = Say("type your mobile number")
	ErrPhoneNotNumber   error = Say("a phone number has digits only (spaces, dashes, dots and a leading + or 00 are fine)")
	ErrPhoneInvalid     error = Say("this is not a valid number for the country chosen: check the digits, or pick another country")
	ErrPhoneUnsupported error = Say("numbers from this country are not supported by this provider")
	ErrPhoneNoCountry   error = Say("start with the country code, e.g. +33 6 12 34 56 78 or +44 7400 123456")
)

// ParsePhone reads what a person typed: "+33 6 12 34 56 78", "0033…",
// "06 12 34 56 78" (national, with the trunk 0, in region), "6-12-34-56-78".
// A number with its own + or 00 prefix wins over region. codes is the
// provider's calling-code list.
func ParsePhone(input, region string, codes []string) (ParsedPhone, error) {
	s := strings.TrimSpace(input)
	if s == "" {
		return ParsedPhone{}, ErrPhoneEmpty
	}
	cleaned := strings.Map(func(r rune) rune {
		switch {
		case r >= '0' && r <= '9', r == '+':
			return r
		case r == ' ' || r == '-' || r == '.' || r == '(' || r == ')' || r == '\u00a0':
			return -1
		}
		return 'x'
	}, s)
	if strings.ContainsRune(cleaned, 'x') || strings.LastIndex(cleaned, "+") > 0 {
		return ParsedPhone{}, ErrPhoneNotNumber
	}
	if strings.HasPrefix(cleaned, "00") {
		cleaned = "+" + cleaned[2:]
	}
	guessed := false
	if region == "" && !strings.HasPrefix(cleaned, "+") {
		cleaned, guessed = "+"+cleaned, true
	}
	n, err := phonenumbers.Parse(cleaned, strings.ToUpper(region))
	if err != nil {
		if guessed {
			return ParsedPhone{}, ErrPhoneNoCountry
		}
		return ParsedPhone{}, ErrPhoneInvalid
	}
	cc := strconv.Itoa(int(n.GetCountryCode()))
	ok := false
	for _, c := range codes {
		if c == cc {
			ok = true
		}
	}
	if !ok {
		if guessed {
			return ParsedPhone{}, ErrPhoneNoCountry
		}
		return ParsedPhone{}, sayWrapping(ErrPhoneUnsupported, "numbers from this country are not supported by this provider (+%s)", cc)
	}
	if !phonenumbers.IsValidNumber(n) {
		if guessed {
			return ParsedPhone{}, ErrPhoneNoCountry
		}
		return ParsedPhone{}, ErrPhoneInvalid
	}
	// For shared codes (+1, +44, +7) keep the chosen country when the
	// number is valid there; otherwise take the number's own.
	got := phonenumbers.GetRegionCodeForNumber(n)
	if region != "" && phonenumbers.IsValidNumberForRegion(n, strings.ToUpper(region)) {
		got = strings.ToUpper(region)
	} else if main := phonenumbers.GetRegionCodeForCountryCode(int(n.GetCountryCode())); got != main &&
		phonenumbers.IsValidNumberForRegion(n, main) {
		got = main
	}
	return ParsedPhone{
		Phone:         api.Phone{CallingCode: cc, National: phonenumbers.GetNationalSignificantNumber(n)},
		Region:        got,
		International: phonenumbers.Format(n, phonenumbers.INTERNATIONAL),
		National:      phonenumbers.Format(n, phonenumbers.NATIONAL),
	}, nil
}

// MaskPhone shows a phone without revealing it: the calling code, the
// first national digit and the last two, "+33 6 •• •• •• 78".
func MaskPhone(international string) string {
	code, rest, ok := strings.Cut(international, " ")
	if !ok {
		return international
	}
	total := strings.Count(rest, "") - 1 - strings.Count(rest, " ") - strings.Count(rest, "-")
	var b strings.Builder
	b.WriteString(code + " ")
	n := 0
	for _, r := range rest {
		if r < '0' || r > '9' {
			b.WriteRune(r)
			continue
		}
		n++
		if n == 1 || n > total-2 {
			b.WriteRune(r)
		} else {
			b.WriteRune('•')
		}
	}
	return b.String()
}

// FormatPhone returns p in international format, "+33 6 12 34 56 78".
func FormatPhone(p api.Phone) string { return FormatE164(p.E164()) }

// FormatE164 writes an E.164 number ("+33612345678", as providers give
// it) the way people read it; a number it cannot read comes back as is.
func FormatE164(e164 string) string {
	n, err := phonenumbers.Parse(e164, "")
	if err != nil {
		return e164
	}
	return phonenumbers.Format(n, phonenumbers.INTERNATIONAL)
}

// ExampleNumber is a sample mobile number of region in national format
// ("06 12 34 56 78" for FR), for a placeholder; "" when there is none.
func ExampleNumber(region string) string {
	n := phonenumbers.GetExampleNumberForType(strings.ToUpper(region), phonenumbers.MOBILE)
	if n == nil {
		return ""
	}
	return phonenumbers.Format(n, phonenumbers.NATIONAL)
}

// CountryOf returns the country of region in cs.
func CountryOf(cs []Country, region string) (Country, bool) {
	for _, c := range cs {
		if strings.EqualFold(c.Region, region) {
			return c, true
		}
	}
	return Country{}, false
}

// knownRegion reports whether region is a country phonenumbers knows.
func knownRegion(region string) bool {
	return phonenumbers.GetCountryCodeForRegion(region) != 0
}

// RegionOf returns the country (ISO 3166 alpha-2) a phone number belongs
// to, or "" when it cannot tell.
func RegionOf(p api.Phone) string {
	n, err := phonenumbers.Parse(p.E164(), "")
	if err != nil {
		return ""
	}
	return phonenumbers.GetRegionCodeForNumber(n)
}
