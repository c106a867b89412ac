// Package wrap breaks text into lines of a given width at spaces only: a
// word, a URL or an id is never split, however long (one wider than the
// line stands alone on its own, where a terminal's copy and a click still
// find it whole). Widths are in terminal cells, and ANSI escape sequences
// (colours, OSC 8 hyperlinks) take none. The summaries and closing lines
// of the wizard (tui), line mode (line) and cmd/onboard go through it.
// Fit, for text that must stay inside a box, breaks what Words cannot.
package wrap

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Words wraps each line of s to width cells. A continuation line starts
// with the same leading spaces as the line it continues. A width under 1
// leaves s as it is.
func Words(s string, width int) string {
	if width < 1 {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lead := l[:len(l)-len(strings.TrimLeft(l, " "))]
		lines[i] = lead + Hanging(l[len(lead):], width-len(lead), len(lead))
	}
	return strings.Join(lines, "\n")
}

// Hanging wraps the one line s so that its first line holds at most width
// cells and every continuation line, indented by indent spaces, at most
// width cells after them: a value beside a label column of indent cells
// (the first line's label is the caller's). Runs of spaces between words
// are kept on a line and dropped where it breaks.
func Hanging(s string, width, indent int) string {
	if width < 1 {
		width = 1
	}
	var b strings.Builder
	pad := "\n" + strings.Repeat(" ", max(indent, 0))
	used, gap := 0, 0 // cells on this line; spaces before the next word
	for i, w := range strings.Split(s, " ") {
		if i > 0 {
			gap++
		}
		if w == "" {
			continue
		}
		ww := ansi.StringWidth(w)
		switch {
		case used > 0 && used+gap+ww > width:
			b.WriteString(pad)
			used = 0
		case used > 0 || b.Len() == 0:
			b.WriteString(strings.Repeat(" ", gap))
			used += gap
		}
		gap = 0
		b.WriteString(w)
		used += ww
	}
	return b.String()
}

// Fits reports whether every word of s is at most width cells wide: s
// then wraps to width with no line wider.
func Fits(s string, width int) bool {
	for _, w := range strings.Fields(s) {
		if ansi.StringWidth(w) > width {
			return false
		}
	}
	return true
}
