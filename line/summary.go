package line

import (
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/onboard-cli/onboard/internal/wrap"
)

// summaryWidth is the width line mode's summary is wrapped to: its output
// may be a pipe or a file, where no window says otherwise.
const summaryWidth = 80

// writeTable writes rows (a name and its value) as two aligned columns,
// the values starting one column after the widest name and wrapping at
// spaces under themselves (internal/wrap): FinHub's longer status names
// ("verification", "missing consents") line up with the rest.
func writeTable(w io.Writer, rows [][2]string) error {
	col := 0
	for _, r := range rows {
		col = max(col, ansi.StringWidth(r[0]))
	}
	col += 2
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(r[0] + strings.Repeat(" ", col-ansi.StringWidth(r[0])))
		b.WriteString(wrap.Hanging(r[1], max(summaryWidth-col, 20), col) + "\n")
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("writing the summary: %w", err)
	}
	return nil
}
