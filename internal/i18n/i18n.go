// Package i18n is onboard's own text in the person's language: English as
// written in the code, and French from a catalog keyed by the English.
//
// Text is looked up whole. A catalog entry with verbs (%s, %d) also
// matches the text it formats, so a sentence built elsewhere (an error
// from package flow: "the code has 6 digits; this has 2") is translated
// with its values, which are themselves looked up ("12 s" stays, "a
// moment" becomes "un instant").
package i18n

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Printer translates into one language. The zero Printer is English.
type Printer struct {
	cat      map[string]string
	patterns []pattern
}

// pattern is a catalog entry with verbs, as a regexp over the English;
// fixed is how much of it is not a verb.
type pattern struct {
	re    *regexp.Regexp
	fr    string
	fixed int
}

// New returns the printer for lang ("fr", "fr_FR.UTF-8", "en"); any
// language onboard has no catalog for is English.
func New(lang string) Printer {
	if !strings.HasPrefix(strings.ToLower(lang), "fr") {
		return Printer{}
	}
	p := Printer{cat: french()}
	verb := regexp.MustCompile(`%[sdvq]`)
	for en, fr := range p.cat {
		if strings.Contains(en, "%") {
			p.patterns = append(p.patterns, pattern{re: formatRegexp(en), fr: fr, fixed: len(verb.ReplaceAllString(en, ""))})
		}
	}
	// The most specific format first: "%s (verified)" must not take a
	// sentence that merely ends that way before its own format does.
	slices.SortFunc(p.patterns, func(a, b pattern) int {
		return cmp.Or(b.fixed-a.fixed, strings.Compare(a.re.String(), b.re.String()))
	})
	return p
}

// Lang is the printer's language, "en" or "fr".
func (p Printer) Lang() string {
	if p.cat == nil {
		return "en"
	}
	return "fr"
}

// T returns s in the printer's language, or s itself when the catalog
// has no entry for it. A sentence the catalog has without its capital or
// its full stop (flow's errors, capitalised and ended by a front end) is
// found too.
func (p Printer) T(s string) string {
	if p.cat == nil || s == "" {
		return s
	}
	if t, ok := p.lookup(s); ok {
		return t
	}
	core := strings.TrimSuffix(s, ".")
	dot := ""
	if core != s {
		dot = "."
	}
	if core == "" {
		return s
	}
	if t, ok := p.lookup(core); ok && dot != "" {
		return t + dot
	}
	if low := lowerFirst(core); low != core {
		if t, ok := p.lookup(low); ok {
			return upperFirst(t) + dot
		}
	}
	return s
}

// lookup finds s whole, or as what a catalog format formats.
func (p Printer) lookup(s string) (string, bool) {
	if t, ok := p.cat[s]; ok {
		return t, true
	}
	for _, pt := range p.patterns {
		m := pt.re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		args := make([]any, len(m)-1)
		for i, a := range m[1:] {
			args[i] = p.T(a)
		}
		return fmt.Sprintf(pt.fr, args...), true
	}
	return "", false
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// F formats with format in the printer's language.
func (p Printer) F(format string, args ...any) string {
	return fmt.Sprintf(p.T(format), args...)
}

// formatRegexp turns a format into a regexp that matches what it
// formats: each verb captures a value.
func formatRegexp(format string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(format); i++ {
		if format[i] == '%' && i+1 < len(format) {
			switch format[i+1] {
			case 's', 'v', 'q':
				b.WriteString("(.+?)")
				i++
				continue
			case 'd':
				b.WriteString("(-?[0-9]+)")
				i++
				continue
			case '%':
				b.WriteString("%")
				i++
				continue
			}
		}
		b.WriteString(regexp.QuoteMeta(format[i : i+1]))
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}
