package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestTermsHeadingsWithoutMarks: the terms' headings show as headings in
// both styles, without the Markdown marks in front of them.
func TestTermsHeadingsWithoutMarks(t *testing.T) {
	md := "# Terms and Conditions\n\n## 1. Who we are\n\nWe are a bank.\n\n### 1.1 Where\n\nIn Paris.\n"
	for _, dark := range []bool{true, false} {
		out := ansi.Strip(renderTerms(md, 60, dark))
		if strings.Contains(out, "#") || !strings.Contains(out, "1. Who we are") || !strings.Contains(out, "1.1 Where") {
			t.Errorf("dark %v:\n%s", dark, out)
		}
	}
}

// TestTermsMarkdown: the forms a provider's terms may use come out as a
// reader expects them, every line within the width (a word wider than
// the width alone excepted), lists hanging under their first line.
func TestTermsMarkdown(t *testing.T) {
	md := "Some *italic* and **bold** text, `code`, a [page](https://bank.example/p) and <https://bank.example/a> &amp; \\*stars\\*.\nSame paragraph.  \nA hard break.\n\n" +
		"- one item long enough to wrap around a forty-column viewport\n- two\n  - nested\n\n3. three\n4. four\n\n> a quote long enough to wrap around a forty-column viewport\n\n```\nkept  as   written\n```\n\n---\n"
	want := []string{
		"Some italic and bold text, code, a page",
		"(https://bank.example/p) and",
		"https://bank.example/a & *stars*. Same",
		"paragraph.",
		"A hard break.",
		"",
		"• one item long enough to wrap around a",
		"  forty-column viewport",
		"• two",
		"  • nested",
		"",
		"3. three",
		"4. four",
		"",
		"│ a quote long enough to wrap around a",
		"│ forty-column viewport",
		"",
		"  kept  as   written",
		"",
		strings.Repeat("─", 40),
	}
	for _, dark := range []bool{true, false} {
		out := renderTerms(md, 40, dark)
		got := strings.Split(ansi.Strip(out), "\n")
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("dark %v: got\n%s\nwant\n%s", dark, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		for _, l := range strings.Split(out, "\n") {
			if w := ansi.StringWidth(l); w > 40 {
				t.Errorf("dark %v: a line of %d cells: %q", dark, w, l)
			}
		}
	}
}

// TestTermsOddMarkdown: what a provider's terms may hold by mistake or
// malice is laid out within the width, deep nesting flat past a depth, a
// word wider than the width broken, an HTML block whole, a code span over
// two lines in its paragraph's flow.
func TestTermsOddMarkdown(t *testing.T) {
	deep := strings.Repeat("> ", 400) + "deep\n\n"
	for i := range 40 {
		deep += strings.Repeat("  ", i) + "- level\n"
	}
	cases := map[string]string{
		"deep":   deep,
		"long":   "see https://bank.example/" + strings.Repeat("a", 120) + " now",
		"html":   "<!--\nhidden\n-->\n\ntext",
		"span":   "a `code\nspan` here",
		"narrow": "# A heading\n\n1. one two three four five six",
	}
	for name, md := range cases {
		for _, width := range []int{-5, 0, 1, 12, 40} {
			out := renderTerms(md, width, true)
			for _, l := range strings.Split(out, "\n") {
				if w := ansi.StringWidth(l); w > max(width, minTermsWidth) {
					t.Errorf("%s at %d: a line of %d cells: %q", name, width, w, ansi.Strip(l))
				}
			}
		}
	}
	if out := ansi.Strip(renderTerms(cases["html"], 40, true)); !strings.Contains(out, "-->") {
		t.Errorf("the HTML block lost its last line:\n%s", out)
	}
	if out := ansi.Strip(renderTerms(cases["span"], 40, true)); !strings.Contains(out, "a code span here") {
		t.Errorf("the code span broke its paragraph:\n%s", out)
	}
}
