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
