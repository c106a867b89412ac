package tui

import (
	"strings"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/styles"
	"charm.land/lipgloss/v2"
)

// renderTerms renders the terms' Markdown for a viewport width columns
// wide, in glamour's dark or light style (the document's own margin
// dropped: the screen has its own), its paragraphs wrapped to the width
// whatever their line breaks in the source. Should glamour fail, the
// text is shown as written, wrapped.
func renderTerms(md string, width int, dark bool) string {
	cfg := styles.LightStyleConfig
	if dark {
		cfg = styles.DarkStyleConfig
	}
	none := uint(0)
	cfg.Document.Margin = &none
	if r, err := glamour.NewTermRenderer(glamour.WithStyles(cfg), glamour.WithWordWrap(width)); err == nil {
		if out, err := r.Render(md); err == nil {
			return strings.Trim(out, "\n")
		}
	}
	return lipgloss.NewStyle().Width(width).Render(md)
}
