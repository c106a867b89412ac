package main

import (
	"cmp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	onboardhelp "github.com/onboard-cli/onboard/internal/help"
)

// commandPaths are the args that name each of onboard's commands.
func commandPaths(t *testing.T) [][]string {
	t.Helper()
	var out [][]string
	var walk func(c *cobra.Command, path []string)
	walk = func(c *cobra.Command, path []string) {
		out = append(out, path)
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() {
				walk(sub, append(append([]string{}, path...), sub.Name()))
			}
		}
	}
	walk(newRootCmd(newEnv()), nil)
	return out
}

// words is s with every run of blanks made one space: text that a wrap
// broke mid-word, or an ellipsis cut, no longer holds a description.
func words(s string) string { return strings.Join(strings.Fields(s), " ") }

// checkHelp checks that help (as printed, or as a terminal showed it)
// holds every description, flag and example of c whole.
func checkHelp(t *testing.T, name, help string, c *cobra.Command) {
	t.Helper()
	all := words(help)
	for _, want := range []string{cmp.Or(c.Long, c.Short)} {
		if !strings.Contains(all, words(want)) {
			t.Errorf("%s: the help lacks, whole, %q", name, want)
		}
	}
	for _, line := range strings.Split(c.Example, "\n") {
		if !strings.Contains(help, line+"\n") {
			t.Errorf("%s: the example line %q is not on a line of its own", name, line)
		}
	}
	c.LocalFlags().VisitAll(func(f *pflag.Flag) {
		if _, usage := pflag.UnquoteUsage(f); !f.Hidden && !strings.Contains(all, words(usage)) {
			t.Errorf("%s: the help lacks, whole, the description of --%s: %q", name, f.Name, usage)
		}
	})
}

// TestHelpExitCodes: onboard --help lists the exit codes after the flags
// (they were a paragraph before Usage), a code and its meaning a row.
func TestHelpExitCodes(t *testing.T) {
	code, out, _ := runCmd(t, "", "--help")
	flags, codes, usage := strings.Index(out, "\nFlags:"), strings.Index(out, "\nExit codes:\n  0      onboarded\n"), strings.Index(out, "Usage:")
	if code != 0 || codes < 0 || flags < 0 || codes < flags || usage > codes || !strings.Contains(out, "\n  130    interrupted (ctrl+c)\n") {
		t.Errorf("onboard --help: exit %d, the exit codes not listed after the flags:\n%s", code, out)
	}
	if _, sub, _ := runCmd(t, "", "status", "--help"); strings.Contains(sub, "Exit codes:\n  0      onboarded") {
		t.Error("onboard status --help lists the wizard's exit codes")
	}
}

// TestHelpInAPipe: every command's help, piped, is wrapped at word
// boundaries to 80 columns, with nothing cut and no line padded.
func TestHelpInAPipe(t *testing.T) {
	root := newRootCmd(newEnv())
	for _, path := range commandPaths(t) {
		name := "onboard " + strings.Join(path, " ")
		code, stdout, stderr := runCmd(t, "", append(path, "--help")...)
		if code != 0 || stderr != "" {
			t.Fatalf("%s --help: exit %d\n%s", name, code, stderr)
		}
		for _, line := range strings.Split(stdout, "\n") {
			if w := ansi.StringWidth(line); w > onboardhelp.PipeWidth || strings.HasSuffix(line, " ") || line != ansi.Strip(line) {
				t.Errorf("%s --help: a line of %d columns, padded or styled: %q", name, w, line)
			}
		}
		c, _, err := root.Find(path)
		if err != nil {
			t.Fatal(err)
		}
		checkHelp(t, name, stdout, c)
	}
}

// TestManAndVersion: onboard man prints a manual page of every command,
// onboard help man is man's help, and onboard version and --version agree.
func TestManAndVersion(t *testing.T) {
	code, page, stderr := runCmd(t, "", "man")
	if code != 0 || !strings.HasPrefix(page, ".TH ONBOARD 1") || !strings.Contains(page, "accessible") || !strings.Contains(page, "status") {
		t.Fatalf("onboard man: exit %d\n%.300s\n%s", code, page, stderr)
	}
	if strings.Contains(page, "argument") || !strings.Contains(page, `[\fIcommand\fP]`) {
		t.Errorf("onboard man's synopsis promises arguments onboard does not take:\n%.400s", page)
	}
	if i := strings.Index(page, ".SH EXIT STATUS\n.TP\n\\fB0\\fP\nonboarded\n"); i < 0 || !strings.Contains(page[i:], "\n.TP\n\\fB3\\fP\nstopped while the provider decides") || !strings.Contains(page[i:], "\n.TP\n\\fB130\\fP\ninterrupted (ctrl+c)\n") {
		t.Errorf("onboard man has no EXIT STATUS listing the exit codes:\n%s", page)
	}
	// The wizard's --organization takes a file; status's is a switch.
	options, _, _ := strings.Cut(page, ".SH COMMANDS")
	if !strings.Contains(options, `\fB--organization\fP \fIstring\fP`+"\n") {
		t.Error("onboard man's OPTIONS lack --organization's value name")
	}
	for _, want := range []string{`\fB--phone\fP \fIstring\fP` + "\n", `\fB--accept-terms\fP[=\fIVERSION\fP]` + "\n", `\fB--accessible\fP` + "\n"} {
		if !strings.Contains(page, want) { // the value names --help shows
			t.Errorf("onboard man lacks %q", want)
		}
	}
	if strings.Contains(page, "accept the\n.PP\nterms") || strings.Contains(page, "`") {
		t.Errorf("onboard man cuts a sentence into paragraphs, or keeps a backquote:\n%.600s", page)
	}
	if _, help, _ := runCmd(t, "", "help", "man"); !strings.Contains(help, "manual page") || strings.Contains(help, "Become a verified") {
		t.Errorf("onboard help man:\n%s", help)
	}
	_, v1, _ := runCmd(t, "", "version")
	for _, flag := range []string{"--version", "-v"} {
		if _, v2, _ := runCmd(t, "", flag); v2 != v1 || !strings.HasPrefix(v1, "onboard ") {
			t.Errorf("onboard %s says %q, onboard version %q", flag, v2, v1)
		}
	}
}

// TestTmuxHelpAt80: onboard --help in a real terminal of 80 columns: the
// terminal never has to wrap a line, so no word is broken across lines.
func TestTmuxHelpAt80(t *testing.T) {
	tm := startBinary(t, `%[2]s --help
echo "EXIT=$?"
sleep 60
`)
	tm.waitFor("EXIT=0")
	shown := tm.run("capture-pane", "-p", "-S", "-", "-E", "-", "-t", tm.target)
	checkHelp(t, "onboard --help at 80 columns", shown, newRootCmd(newEnv()))
	if _, piped, _ := runCmd(t, "", "--help"); !strings.Contains(shown, strings.TrimRight(piped, "\n")) {
		t.Errorf("the terminal at 80 columns shows other lines than the help in a pipe:\n%s", shown)
	}
}
