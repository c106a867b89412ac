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
	// Headings are told by their colour and weight, not by the Markdown
	// marks glamour's styles print before them ("## 1. Who we are").
	for _, h := range []*string{&cfg.H2.Prefix, &cfg.H3.Prefix, &cfg.H4.Prefix, &cfg.H5.Prefix, &cfg.H6.Prefix} {
		*h = ""
	}
	if r, err := glamour.NewTermRenderer(glamour.WithStyles(cfg), glamour.WithWordWrap(width)); err == nil {
		if out, err := r.Render(md); err == nil {
			return strings.Trim(out, "\n")
		}
	}
	return lipgloss.NewStyle().Width(width).Render(md)
}
