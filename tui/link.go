package tui

import (
	"strconv"
	"strings"

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

// wholeLink is url for a screen with room for it below the text: the
// whole of it, cut only where the window ends (never at a hyphen, as
// text wrapping would), each piece an OSC 8 hyperlink to the whole URL.
// A person without a hyperlink-aware terminal reads or selects it all;
// one with one clicks any piece. Each piece's link has an id of its own:
// Bubble Tea's renderer, seeing the same link go on after a line's end,
// drew the next piece without opening it again (only the first was a
// link). url is sanitized by the caller.
func wholeLink(st lipgloss.Style, url string, width int) string {
	lines := strings.Split(ansi.Hardwrap(url, max(width, 1), true), "\n")
	for i, l := range lines {
		lines[i] = ansi.SetHyperlink(url, "id=onboard-"+strconv.Itoa(i)) + st.Render(l) + ansi.ResetHyperlink()
	}
	return strings.Join(lines, "\n")
}
