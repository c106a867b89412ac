package wrap

import (
	"io"
	"os"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestWords(t *testing.T) {
	const link = "http://127.0.0.1:40111/sandbox/finhub/review/348303cc-f847-4529-9075-8012ee591b27"
	for _, c := range []struct {
		in    string
		width int
		want  string
	}{
		{"identity approved", 80, "identity approved"},
		{"✓ You are a verified customer: +33 6 12 34 56 78, ada@example.com, identity approved (customer cons_1).", 60,
			"✓ You are a verified customer: +33 6 12 34 56 78,\nada@example.com, identity approved (customer cons_1)."},
		{"open " + link + " now", 40, "open\n" + link + "\nnow"},
		{"  indented words wrap under themselves", 20, "  indented words\n  wrap under\n  themselves"},
		{"two  spaces kept", 80, "two  spaces kept"},
		{"break here  not\nthere", 10, "break here\nnot\nthere"},
		{"\x1b[1midentity\x1b[0m approved", 17, "\x1b[1midentity\x1b[0m approved"},
		{"\x1b[1midentity\x1b[0m approved", 16, "\x1b[1midentity\x1b[0m\napproved"},
		{"anything", 0, "anything"},
	} {
		if got := Words(c.in, c.width); got != c.want {
			t.Errorf("Words(%q, %d) =\n%q\nwant\n%q", c.in, c.width, got, c.want)
		}
	}
}

func TestHanging(t *testing.T) {
	got := Hanging("consent KYC_TERMS_V1 · consent PRIVACY_V1 · risk MEDIUM", 24, 12)
	want := "consent KYC_TERMS_V1 ·\n            consent PRIVACY_V1 ·\n            risk MEDIUM"
	if got != want {
		t.Errorf("Hanging =\n%s\nwant\n%s", got, want)
	}
	if !Fits("ada@example.com (verified)", 15) || Fits("ada@example.com (verified)", 14) {
		t.Error("Fits does not measure the widest word")
	}
}

// TestNeverSplits: every word of the input is whole on some line, and no
// line is wider than the width unless it is one word.
func TestNeverSplits(t *testing.T) {
	in := "Log in to its app with your phone number and the password you chose: https://example.com/a-very-long/path?with=query&and=more supercalifragilisticexpialidocious ok"
	for width := 1; width < 90; width++ {
		out := Words(in, width)
		for _, l := range strings.Split(out, "\n") {
			if ansi.StringWidth(l) > width && strings.Contains(l, " ") {
				t.Fatalf("width %d: line %q is too wide", width, l)
			}
		}
		if got := strings.Fields(out); strings.Join(got, " ") != strings.Join(strings.Fields(in), " ") {
			t.Fatalf("width %d: words changed:\n%s", width, out)
		}
	}
}

// TestFit: words wrap at spaces, and only a word wider than the width is
// broken, at the width.
func TestFit(t *testing.T) {
	got := Fit("société à responsabilité limitée", 8)
	want := "société\nà\nrespons-\nabilité\nlimitée"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := Fit("responsabilité", 1); strings.Count(got, "\n") != len([]rune("responsabilité"))-1 {
		t.Errorf("at a width of 1: %q", got)
	}
}

// TestTerminalSizeNotATerminal: a buffer or a pipe has no size.
func TestTerminalSizeNotATerminal(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	for _, out := range []io.Writer{&strings.Builder{}, w} {
		if cols, rows := TerminalSize(out); cols != 0 || rows != 0 {
			t.Errorf("%T: %d×%d, want 0×0", out, cols, rows)
		}
	}
}
