package tui

import (
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// link is url for a terminal: an OSC 8 hyperlink (the terminal draws the
// text, and a click opens the whole URL) on one line of at most width
// columns, never wrapped. A URL wider than that shows its start and end
// around "…": the whole of it is then one click away, or one c (copy).
// url is sanitized by the caller.
func link(st lipgloss.Style, url string, width int) string {
	text := url
	if w := ansi.StringWidth(url); w > width && width > 8 {
		tail := width / 3
		text = ansi.Truncate(url, width-tail-1, "") + "…" + ansi.TruncateLeft(url, w-tail, "")
	}
	return ansi.SetHyperlink(url) + st.Render(text) + ansi.ResetHyperlink()
}
