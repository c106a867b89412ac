package wrap

import (
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/term"
)

// TerminalSize is the size of the terminal w writes to, in cells, or 0×0
// when w is not a terminal (a pipe, a file, a buffer): what a line written
// to w is wrapped to, and what a full-screen program starts at.
func TerminalSize(w io.Writer) (width, height int) {
	f, ok := w.(*os.File)
	if !ok {
		return 0, 0
	}
	width, height, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return 0, 0
	}
	return width, height
}

// Fit wraps s to width cells as Words does, then breaks a word still wider
// than that (a long word of a narrow column) where the width ends, with a
// hyphen to say it goes on ("respons-", "abilité"): for prose that must
// stay inside a box, where a word running past its edge would be cut off
// anyway. Not for an address, which a hyphen would change.
func Fit(s string, width int) string {
	width = max(width, 1)
	lines := strings.Split(Words(s, width), "\n")
	for i, l := range lines {
		var b strings.Builder
		for width > 1 && ansi.StringWidth(l) > width {
			b.WriteString(ansi.Truncate(l, width-1, "") + "-\n")
			l = ansi.TruncateLeft(l, width-1, "")
		}
		b.WriteString(l)
		lines[i] = ansi.Hardwrap(b.String(), width, true) // a width of 1: no room for a hyphen
	}
	return strings.Join(lines, "\n")
}
