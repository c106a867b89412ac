package api

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

// Sanitize makes text that came from a server safe to print on a terminal:
// escape sequences are removed, and so is every other control character
// except newline and tab. Invalid UTF-8 becomes U+FFFD.
func Sanitize(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = ansi.Strip(s)
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case unicode.IsControl(r), r == '\u2028', r == '\u2029':
			return -1
		case unicode.Is(unicode.Bidi_Control, r):
			return -1
		}
		return r
	}, s)
}

// SanitizeLine is Sanitize for one-line text: newlines and tabs become spaces.
func SanitizeLine(s string) string {
	s = Sanitize(s)
	return strings.Join(strings.Fields(s), " ")
}
