package tui

import (
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/onboard-cli/onboard/internal/wrap"
)

// renderTerms renders the terms' Markdown for a viewport width columns
// wide, in a dark or light palette: headings told by colour and weight
// (never by the "##" marks), paragraphs and list items wrapped at spaces
// whatever their line breaks in the source, quotes barred, code kept as
// written. It is goldmark's CommonMark parser and a renderer of its own:
// glamour drew these screens before, but linked chroma's lexers and
// styles into every run (19 ms and 4 MB of package inits, `--version`
// and headless included) for terms that hold no code to highlight
// (bench/RESULTS.md, issue 26).
func renderTerms(md string, width int, dark bool) string {
	src := []byte(md)
	doc := parser.NewParser(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	).Parse(text.NewReader(src))
	width = max(width, minTermsWidth)
	r := termsRenderer{src: src, pal: termsPalette(dark)}
	// A word wider than the viewport (a long address) is broken where the
	// viewport would have cut it off.
	return ansi.Hardwrap(strings.Trim(r.blocks(doc, width), "\n"), width, true)
}

// minTermsWidth is the least width the terms are laid out in; maxNesting
// is how many quotes and lists deep they are indented at most. A provider's
// terms nested deeper are laid out flat from there, rather than in a
// column too narrow to read and at a cost that grows with the square of
// the depth.
const (
	minTermsWidth = 10
	maxNesting    = 8
)

// termsRenderer turns one parsed document into styled lines.
type termsRenderer struct {
	src   []byte
	pal   termsStyles
	depth int // the quotes and lists around the block being rendered
}

// nested is r one quote or list deeper, and the width inside it: indent
// cells narrower, but never under minTermsWidth, and not at all past
// maxNesting.
func (r termsRenderer) nested(width, indent int) (termsRenderer, int, bool) {
	if r.depth >= maxNesting {
		return r, width, false
	}
	r.depth++
	return r, max(width-indent, minTermsWidth), true
}

// blocks renders the block children of n, width cells wide, a blank line
// between them (none between the items of a tight list).
func (r termsRenderer) blocks(n ast.Node, width int) string {
	var parts []string
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if s := r.block(c, width); s != "" {
			parts = append(parts, s)
		}
	}
	sep := "\n\n"
	if l, ok := n.Parent().(*ast.List); ok && l.IsTight {
		sep = "\n" // n is an item of a tight list
	}
	return strings.Join(parts, sep)
}

// block renders one block node.
func (r termsRenderer) block(n ast.Node, width int) string {
	switch n := n.(type) {
	case *ast.Heading:
		return r.heading(n, width)
	case *ast.Paragraph, *ast.TextBlock:
		return wrap.Words(r.inlines(n, lipgloss.NewStyle()), width)
	case *ast.List:
		return r.list(n, width)
	case *ast.Blockquote:
		in, w, indented := r.nested(width, 2)
		if !indented {
			return in.blocks(n, w)
		}
		return prefixLines(in.blocks(n, w), r.pal.quote.Render("│")+" ")
	case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
		return r.verbatim(n)
	case *ast.ThematicBreak:
		return r.pal.rule.Render(strings.Repeat("─", min(width, 40)))
	}
	return r.blocks(n, width)
}

// heading renders a heading: the first level on a coloured band, a
// space either side, the others bold in the accent colour.
func (r termsRenderer) heading(h *ast.Heading, width int) string {
	st, pad := r.pal.h2, ""
	if h.Level == 1 {
		st, pad = r.pal.h1, " "
	}
	lines := strings.Split(wrap.Words(r.inlines(h, lipgloss.NewStyle()), width-2*len(pad)), "\n")
	for i, l := range lines {
		lines[i] = st.Render(pad + l + pad)
	}
	return strings.Join(lines, "\n")
}

// list renders a list: "•" or the item's number before each item, its
// lines after the first hanging under the first's text.
func (r termsRenderer) list(l *ast.List, width int) string {
	var items []string
	i := l.Start
	for c := l.FirstChild(); c != nil; c = c.NextSibling() {
		mark := "• "
		if l.IsOrdered() {
			mark = strconv.Itoa(i) + ". "
			i++
		}
		w := lipgloss.Width(mark)
		in, inner, indented := r.nested(width, w)
		if !indented {
			items = append(items, mark+in.blocks(c, inner))
			continue
		}
		items = append(items, mark+prefixRest(in.blocks(c, inner), strings.Repeat(" ", w)))
	}
	sep := "\n\n"
	if l.IsTight {
		sep = "\n"
	}
	return strings.Join(items, sep)
}

// verbatim renders code and HTML blocks as written, two spaces in, never
// wrapped (a viewport cuts what is too wide).
func (r termsRenderer) verbatim(n ast.Node) string {
	var b strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.WriteString("  " + r.pal.code.Render(strings.TrimRight(string(seg.Value(r.src)), "\n")) + "\n")
	}
	if h, ok := n.(*ast.HTMLBlock); ok && h.HasClosure() { // "-->", "</pre>": kept, as written
		b.WriteString("  " + r.pal.code.Render(strings.TrimRight(string(h.ClosureLine.Value(r.src)), "\n")) + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// prefixLines puts p before every line of s.
func prefixLines(s, p string) string {
	return p + strings.ReplaceAll(s, "\n", "\n"+p)
}

// prefixRest puts p before every line of s but the first; empty lines
// stay empty.
func prefixRest(s, p string) string {
	lines := strings.Split(s, "\n")
	for i := 1; i < len(lines); i++ {
		if lines[i] != "" {
			lines[i] = p + lines[i]
		}
	}
	return strings.Join(lines, "\n")
}
