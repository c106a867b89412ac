// Package help renders every command's help as plain text wrapped to the
// terminal (cobra's HelpFunc): sections, commands and flags in two
// columns, examples never wrapped.
package help

import (
	"cmp"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/onboard-cli/onboard/internal/wrap"
)

// The help of every command is plain text wrapped at word boundaries to
// the terminal (at most MaxWidth columns), or to PipeWidth when
// stdout is not a terminal: readable at 80 columns and copyable from a
// pipe, with no example cut short and no line padded.
const (
	MaxWidth  = 100
	PipeWidth = 80
)

// width is the width help is wrapped to on w.
func width(w io.Writer) int {
	cols, _ := wrap.TerminalSize(w)
	if cols < 20 { // not a terminal (0), or too narrow to help
		return PipeWidth
	}
	return min(cols, MaxWidth)
}

// ExitCodes is the annotation of a command that lists its exit codes, one
// a line, each code and its meaning apart by a tab: Write puts them after
// the flags, in two columns.
const ExitCodes = "onboard/exit-codes"

// ExitCodeRows are the rows of c's ExitCodes annotation, code and meaning.
func ExitCodeRows(c *cobra.Command) [][2]string {
	var rows [][2]string
	for _, line := range strings.Split(c.Annotations[ExitCodes], "\n") {
		if code, meaning, ok := strings.Cut(line, "\t"); ok {
			rows = append(rows, [2]string{code, meaning})
		}
	}
	return rows
}

// Show is every command's help function (cobra's HelpFunc).
func Show(c *cobra.Command, _ []string) {
	w := c.OutOrStdout()
	_ = Write(w, c, width(w))
}

// Write writes c's help to w, wrapped to width columns.
func Write(w io.Writer, c *cobra.Command, width int) error {
	var b strings.Builder
	section := func(title string) { fmt.Fprintf(&b, "\n%s\n", title) }
	if text := strings.TrimSpace(cmp.Or(c.Long, c.Short)); text != "" {
		b.WriteString(indentWrapped(text, 2, width))
	}
	section("Usage:")
	use := c.UseLine()
	if c.HasAvailableSubCommands() {
		use = c.CommandPath() + " [command]"
		if c.Runnable() {
			use = c.UseLine() + "\n" + use
		}
	}
	b.WriteString(indentWrapped(use, 2, width))
	if c.Example != "" {
		section("Examples:")
		// Commands to copy: never wrapped (each fits 80 columns; a test
		// checks it).
		b.WriteString(strings.Trim(c.Example, "\n") + "\n")
	}
	if cmds := availableCommands(c); len(cmds) > 0 {
		section("Commands:")
		b.WriteString(twoColumns(cmds, width))
	}
	if fl := c.LocalFlags(); fl.HasAvailableFlags() {
		section("Flags:")
		b.WriteString(flagUsages(fl, width))
	}
	if fl := c.InheritedFlags(); fl.HasAvailableFlags() {
		section("Global flags:")
		b.WriteString(flagUsages(fl, width))
	}
	if rows := ExitCodeRows(c); len(rows) > 0 {
		section("Exit codes:")
		b.WriteString(twoColumns(rows, width))
	}
	if c.HasAvailableSubCommands() {
		b.WriteString("\n" + indentWrapped(fmt.Sprintf("Run %s [command] --help for a command's help; onboard man prints the manual page.", c.CommandPath()), 0, width))
	}
	_, err := io.WriteString(w, strings.TrimPrefix(b.String(), "\n"))
	return err
}

// indentWrapped is text with each of its lines indented by n and wrapped
// at word boundaries to width; a word longer than a line (a URL) stays
// whole on a line of its own.
func indentWrapped(text string, n, width int) string {
	pad := strings.Repeat(" ", n)
	var b strings.Builder
	for _, line := range strings.Split(text, "\n") {
		// A line's own indentation is kept on its continuation lines.
		inner := len(line) - len(strings.TrimLeft(line, " "))
		wrapped := ansi.Wordwrap(strings.TrimLeft(line, " "), max(width-n-inner, 20), "")
		for _, part := range strings.Split(wrapped, "\n") {
			b.WriteString(strings.TrimRight(pad+strings.Repeat(" ", inner)+part, " ") + "\n")
		}
	}
	return b.String()
}

// availableCommands are c's visible subcommands, as name and description.
func availableCommands(c *cobra.Command) [][2]string {
	var out [][2]string
	for _, sub := range c.Commands() {
		if sub.IsAvailableCommand() || sub.Name() == "help" {
			out = append(out, [2]string{sub.Name(), sub.Short})
		}
	}
	return out
}

// twoColumns lays rows out as names and descriptions, each description
// wrapped in its column.
func twoColumns(rows [][2]string, width int) string {
	col := 0
	for _, r := range rows {
		col = max(col, len(r[0]))
	}
	col += 4
	var b strings.Builder
	for _, r := range rows {
		desc := strings.Split(ansi.Wordwrap(r[1], max(width-col-2, 20), ""), "\n")
		for i, d := range desc {
			name := ""
			if i == 0 {
				name = r[0]
			}
			fmt.Fprintf(&b, "%s\n", strings.TrimRight(fmt.Sprintf("  %-*s%s", col, name, d), " "))
		}
	}
	return b.String()
}

// ValueName is the name of f's value as help shows it ("string",
// "VERSION" from a usage that says `VERSION`), "" for a flag that takes
// none; optional when the flag may also be given without one
// (--accept-terms[=VERSION]).
func ValueName(f *pflag.Flag) (name string, optional bool) {
	name, _ = pflag.UnquoteUsage(f)
	return name, name != "" && f.NoOptDefVal != ""
}

// flagUsages lists fl's flags, each with its value's name, and its
// description wrapped in a column; a flag too long for the column has its
// description on the lines below.
func flagUsages(fl *pflag.FlagSet, width int) string {
	const nameCol = 28
	var rows [][2]string
	fl.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		_, usage := pflag.UnquoteUsage(f)
		key := "    --" + f.Name
		if f.Shorthand != "" {
			key = "-" + f.Shorthand + ", --" + f.Name
		}
		if name, optional := ValueName(f); optional {
			key += "[=" + name + "]"
		} else if name != "" {
			key += " " + name
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "[]" {
			usage += " (default " + f.DefValue + ")"
		}
		rows = append(rows, [2]string{key, usage})
	})
	var b strings.Builder
	for _, r := range rows {
		desc := strings.Split(ansi.Wordwrap(r[1], max(width-nameCol-2, 20), ""), "\n")
		first := fmt.Sprintf("  %-*s", nameCol, r[0])
		if len(r[0]) >= nameCol-1 {
			b.WriteString("  " + r[0] + "\n")
			first = strings.Repeat(" ", nameCol+2)
		}
		for i, d := range desc {
			if i > 0 {
				first = strings.Repeat(" ", nameCol+2)
			}
			b.WriteString(strings.TrimRight(first+d, " ") + "\n")
		}
	}
	return b.String()
}
