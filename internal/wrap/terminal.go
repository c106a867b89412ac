package wrap

import (
	"io"
	"os"

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
// than that (a long address, a long word of a narrow column) where the
// width ends: for text that must stay inside a box, where a word running
// past its edge would be cut off anyway.
func Fit(s string, width int) string {
	width = max(width, 1)
	return ansi.Hardwrap(Words(s, width), width, true)
}
