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

// legacy is the reverse matcher the call sites that still pass formatted
// text rely on until they carry a key and arguments.
type legacy struct {
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

func newLegacy(cat map[string]string) *legacy {
	p := &legacy{cat: cat}
	verb := regexp.MustCompile(`%[sdvq]`)
	for en, fr := range p.cat {
		if strings.Contains(en, "%") {
			p.patterns = append(p.patterns, pattern{re: formatRegexp(en), fr: fr, fixed: len(verb.ReplaceAllString(en, ""))})
		}
	}
	slices.SortFunc(p.patterns, func(a, b pattern) int {
		return cmp.Or(b.fixed-a.fixed, strings.Compare(a.re.String(), b.re.String()))
	})
	return p
}

// T finds s whole, as a format's output, or without its capital and full stop.
func (p *legacy) T(s string) string {
	if s == "" {
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
func (p *legacy) lookup(s string) (string, bool) {
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
