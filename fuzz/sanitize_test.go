package fuzz

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/onboard-cli/onboard/api"
)

// FuzzSanitize: whatever a server sends, what reaches the terminal holds
// no escape sequence, no control character but newline and tab (none at
// all for a line), is valid UTF-8, and sanitizing twice changes nothing.
func FuzzSanitize(f *testing.F) {
	for _, s := range []string{"plain", "\x1b[31mred\x1b[0m", "\x1b]8;;http://x\x07link\x1b]8;;\x07", "a\r\nb\tc", "\u202etxt.exe",
		"\x9b31m", "bad \xff utf8", "\x1bP+q\x1b\\", "tab\tand\nnewline\u2028sep"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		for _, out := range []string{api.Sanitize(in), api.SanitizeLine(in)} {
			if !utf8.ValidString(out) {
				t.Fatalf("invalid UTF-8 out of %q: %q", in, out)
			}
			for _, r := range out {
				if r == '\x1b' || (unicode.IsControl(r) && r != '\n' && r != '\t') || unicode.Is(unicode.Bidi_Control, r) {
					t.Fatalf("%U left in %q (from %q)", r, out, in)
				}
			}
		}
		line := api.SanitizeLine(in)
		if strings.ContainsAny(line, "\n\t") {
			t.Fatalf("a line holds a newline or tab: %q", line)
		}
		if again := api.SanitizeLine(line); again != line {
			t.Fatalf("SanitizeLine is not idempotent: %q then %q", line, again)
		}
	})
}
