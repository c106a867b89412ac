package tui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// termsStyles is the palette of the rendered terms, the wizard's own
// colours (NewStyles) for a dark or a light background.
type termsStyles struct {
	h1, h2, strong, em, code, link, quote, rule lipgloss.Style
}

// termsPalette returns the terms' palette for a dark or light background.
func termsPalette(dark bool) termsStyles {
	s := NewStyles(dark)
	onAccent := lipgloss.LightDark(dark)(lipgloss.Color("#FFFFFF"), lipgloss.Color("#1F1F24"))
	return termsStyles{
		h1:     lipgloss.NewStyle().Bold(true).Foreground(onAccent).Background(s.Accent.GetForeground()),
		h2:     s.Title,
		strong: lipgloss.NewStyle().Bold(true),
		em:     lipgloss.NewStyle().Italic(true),
		code:   s.Warn,
		link:   s.Accent, // not underlined: lipgloss underlines rune by rune
		quote:  s.Muted,
		rule:   s.Muted,
	}
}

// inlines renders the inline children of n as one line of styled words
// (a hard line break is a newline), each word styled on its own so that
// wrapping at any space leaves every line's escapes closed. base styles
// the words that nothing inside n styles.
func (r termsRenderer) inlines(n ast.Node, base lipgloss.Style) string {
	var b strings.Builder
	r.inline(&b, n, base)
	return strings.TrimSpace(b.String())
}

// inline writes the inline children of n to b in style st.
func (r termsRenderer) inline(b *strings.Builder, n ast.Node, st lipgloss.Style) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			words(b, st, oneLine(plain(c.Value(r.src), c.IsRaw())))
			if c.HardLineBreak() {
				b.WriteString("\n")
			} else if c.SoftLineBreak() {
				b.WriteString(" ")
			}
		case *ast.String:
			words(b, st, oneLine(plain(c.Value, c.IsRaw())))
		case *ast.CodeSpan:
			r.inline(b, c, r.pal.code)
		case *ast.Emphasis:
			r.inline(b, c, st.Inherit(r.emphasis(c.Level)))
		case *ast.Link:
			r.link(b, c, string(c.Destination))
		case *ast.AutoLink:
			words(b, r.pal.link, string(c.URL(r.src)))
		case *ast.Image:
			r.inline(b, c, st)
		case *ast.RawHTML:
			for i := 0; i < c.Segments.Len(); i++ {
				seg := c.Segments.At(i)
				words(b, st, oneLine(string(seg.Value(r.src))))
			}
		default:
			r.inline(b, c, st)
		}
	}
}

// emphasis is the style of *one* (italic) or **two** (bold) marks.
func (r termsRenderer) emphasis(level int) lipgloss.Style {
	if level >= 2 {
		return r.pal.strong
	}
	return r.pal.em
}

// link writes a link's text, then its address in brackets where the text
// is not the address itself: a terminal shows where a link goes.
func (r termsRenderer) link(b *strings.Builder, l *ast.Link, dest string) {
	var t strings.Builder
	r.inline(&t, l, r.pal.link)
	b.WriteString(t.String())
	if dest != "" && !strings.Contains(t.String(), dest) {
		b.WriteString(" ")
		words(b, r.pal.link, "("+dest+")")
	}
}

// plain resolves a Markdown text's escapes and entities ("\*", "&amp;")
// unless it is raw (a code span's).
func plain(v []byte, raw bool) string {
	if raw {
		return string(v)
	}
	return string(util.UnescapePunctuations(util.ResolveEntityNames(util.ResolveNumericReferences(v))))
}

// oneLine is s with its line ends as spaces: a code span or an inline tag
// that runs over two source lines stays in its paragraph's flow.
func oneLine(s string) string { return strings.ReplaceAll(s, "\n", " ") }

// words writes s to b, every run of non-spaces styled by st on its own
// (an empty style writes them as they are).
func words(b *strings.Builder, st lipgloss.Style, s string) {
	for i, w := range strings.Split(s, " ") {
		if i > 0 {
			b.WriteString(" ")
		}
		if w != "" {
			b.WriteString(st.Render(w))
		}
	}
}
