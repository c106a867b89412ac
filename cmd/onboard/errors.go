package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/onboard-cli/onboard/internal/help"
	"github.com/onboard-cli/onboard/internal/wrap"
)

// errorHandler prints one calm line per error cobra returns; for its own
// flag and argument errors, a person's typing mistake, a second line says
// where the usage is.
func errorHandler(w io.Writer, err error) {
	reportError(w, err)
	var ce *codeError
	if !errors.As(err, &ce) && isUsageError(err) {
		fmt.Fprintln(w, help.UsageHint)
	}
}

// reportError prints the one line for an error a command returned (wrapped
// at spaces to the terminal, so that no word is cut at its edge), or
// nothing for one already reported.
func reportError(w io.Writer, err error) {
	var ce *codeError
	if errors.As(err, &ce) && ce.Silent {
		return
	}
	cols, _ := wrap.TerminalSize(w) // 0 for a pipe or a file: one line, as written
	fmt.Fprintln(w, wrap.Words("onboard: "+err.Error(), cols))
}

func isUsageError(err error) bool {
	var ce *codeError
	if errors.As(err, &ce) {
		return ce.Code == exitUsage
	}
	s := err.Error()
	for _, p := range []string{"unknown flag", "unknown command", "unknown shorthand", "flag needs", "invalid argument", "accepts ", "requires at least", "if any flags in the group"} {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}
