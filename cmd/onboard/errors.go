package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"charm.land/fang/v2"
)

// errorHandler prints one calm line per error (fang's default draws a box
// with usage hints, which suits usage mistakes only).
func errorHandler(w io.Writer, styles fang.Styles, err error) {
	var ce *codeError
	if !errors.As(err, &ce) && isUsageError(err) { // cobra's own flag errors: fang shows usage help
		fang.DefaultErrorHandler(w, styles, err)
		return
	}
	reportError(w, err)
}

// reportError prints the one line for an error a command returned, or
// nothing for one already reported.
func reportError(w io.Writer, err error) {
	var ce *codeError
	if errors.As(err, &ce) && ce.Silent {
		return
	}
	fmt.Fprintf(w, "onboard: %s\n", err)
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
