package main

import (
	"fmt"
	"regexp"
	"strings"

	mcobra "github.com/muesli/mango-cobra"
	"github.com/muesli/roff"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/onboard-cli/onboard/internal/help"
)

// newManCmd is onboard man: the manual page of every command, in roff,
// made from the same commands and flags as --help.
func newManCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "man",
		Short: "Print onboard's manual page (onboard man | man -l -)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			unwrapLong(cmd.Root())
			page, err := mcobra.NewManPage(1, cmd.Root())
			if err != nil {
				return fmt.Errorf("making the manual page: %w", err)
			}
			roffText := regexp.MustCompile("`([^`]+)`").ReplaceAllString(page.Build(roff.NewDocument()), `\fI$1\fP`)
			// mango writes every synopsis as taking arguments; onboard takes
			// a command, or none.
			roffText = strings.Replace(roffText, `[\fIargument\&.\&.\&.\fP]`, `[\fIcommand\fP]`, 1)
			roffText = withValueNames(roffText, cmd.Root()) + exitStatus(cmd.Root())
			if _, err := fmt.Fprint(cmd.OutOrStdout(), roffText); err != nil {
				return fmt.Errorf("printing the manual page: %w", err)
			}
			return nil
		},
	}
}

// unwrapLong joins the lines of each paragraph of c's and its commands'
// long help: --help prints them as written, and the manual page makes a
// paragraph of every line, so man would show a sentence cut in pieces.
// A paragraph with an indented line (an example) is kept as it is.
func unwrapLong(c *cobra.Command) {
	paragraphs := strings.Split(c.Long, "\n\n")
	for i, p := range paragraphs {
		if !strings.Contains(p, "\n ") {
			paragraphs[i] = strings.ReplaceAll(p, "\n", " ")
		}
	}
	c.Long = strings.Join(paragraphs, "\n\n")
	for _, sub := range c.Commands() {
		unwrapLong(sub)
	}
}

// exitStatus is the manual page's EXIT STATUS section, in roff: the root
// command's exit codes (help.ExitCodes), a tagged paragraph each, as
// --help lists them. mango's sections are plain paragraphs, so a code's
// wrapped lines began under the code.
func exitStatus(root *cobra.Command) string {
	var b strings.Builder
	b.WriteString(".SH EXIT STATUS\n")
	for _, r := range help.ExitCodeRows(root) {
		fmt.Fprintf(&b, ".TP\n\\fB%s\\fP\n%s\n", r[0], roffEscape(r[1]))
	}
	return b.String()
}

// roffEscape makes text safe as a line of roff: backslashes doubled, and
// a leading dot or quote (a request) guarded.
func roffEscape(text string) string {
	text = strings.ReplaceAll(text, `\`, `\e`)
	if strings.HasPrefix(text, ".") || strings.HasPrefix(text, "'") {
		text = `\&` + text
	}
	return text
}

// withValueNames adds each flag's value name to the manual's options, as
// --help shows them (mango writes the bare flag: --phone, never --phone
// string): the root's in its OPTIONS, the commands' in COMMANDS, so that a
// flag two of them take differently (--organization, a file for the
// wizard, a switch for status) is named for each.
func withValueNames(page string, root *cobra.Command) string {
	head, commands, ok := strings.Cut(page, ".SH COMMANDS")
	head = valueNames([]*cobra.Command{root}, false).Replace(head)
	if !ok {
		return head
	}
	return head + ".SH COMMANDS" + valueNames(root.Commands(), true).Replace(commands)
}

// valueNames replaces each of cmds' flags (and, deep, their commands'
// flags) as mango writes it with the flag and its value's name; a name
// two of them give different values is left bare.
func valueNames(cmds []*cobra.Command, deep bool) *strings.Replacer {
	seen := map[string]string{}
	var visit func(c *cobra.Command)
	visit = func(c *cobra.Command) {
		c.Flags().VisitAll(func(f *pflag.Flag) {
			tag := `\fB--` + f.Name + `\fP` + "\n"
			with := tag
			if name, optional := help.ValueName(f); optional {
				with = `\fB--` + f.Name + `\fP[=\fI` + name + `\fP]` + "\n"
			} else if name != "" {
				with = `\fB--` + f.Name + `\fP \fI` + name + `\fP` + "\n"
			}
			if prev, ok := seen[tag]; ok && prev != with {
				with = tag
			}
			seen[tag] = with
		})
		for _, sub := range c.Commands() {
			if deep {
				visit(sub)
			}
		}
	}
	for _, c := range cmds {
		visit(c)
	}
	var pairs []string
	for tag, with := range seen {
		pairs = append(pairs, tag, with)
	}
	return strings.NewReplacer(pairs...)
}
