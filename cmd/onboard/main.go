// Command onboard takes a person from nothing to a verified banking
// customer in the terminal: terms, phone, SMS secret and password, login,
// KYC by QR code, and email verification. With no --api-url it runs against
// its embedded sandbox, so it works with no account and no network.
package main

import (
	"context"
	"errors"
	"os"

	"github.com/onboard-cli/onboard/internal/exit"
	"github.com/spf13/cobra"
)

// Exit codes (README.md, "Scripts and CI").
const (
	exitOK          = exit.OK
	exitError       = exit.Failed
	exitUsage       = exit.Usage
	exitWaiting     = exit.Waiting
	exitInterrupted = exit.Interrupted
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:]))
}

func run(ctx context.Context, args []string) int {
	e := newEnv()
	root := newRootCmd(e)
	root.SetArgs(args)
	runErr := keepErrors(root)
	err := root.ExecuteContext(ctx)
	if err != nil {
		errorHandler(e.stderr, err)
	} else if *runErr != nil {
		err = *runErr
		reportError(e.stderr, err)
	}
	return exitCode(err)
}

// keepErrors makes every command of root hand the error its RunE returns
// to the returned pointer rather than to cobra, so that only cobra's own
// flag and argument errors (a person's typing mistake) reach errorHandler,
// which points at the usage; a command's error is one line (reportError).
func keepErrors(root *cobra.Command) *error {
	var kept error
	var wrap func(c *cobra.Command)
	wrap = func(c *cobra.Command) {
		if runE := c.RunE; runE != nil {
			c.RunE = func(cmd *cobra.Command, args []string) error {
				kept = runE(cmd, args)
				return nil
			}
		}
		for _, sub := range c.Commands() {
			wrap(sub)
		}
	}
	wrap(root)
	return &kept
}

// codeError carries an exit code through cobra (internal/exit). A silent
// one has already been reported to the person (or needs no words, like
// Ctrl+C).
type codeError = exit.Error

// withCode attaches an exit code to err.
func withCode(code int, err error) error { return exit.With(code, err) }

// silently exits with code without printing anything more.
func silently(code int, err error) error { return exit.Silently(code, err) }

func exitCode(err error) int {
	if err == nil {
		return exitOK
	}
	var ce *codeError
	if errors.As(err, &ce) {
		return ce.Code
	}
	if errors.Is(err, context.Canceled) {
		return exitInterrupted
	}
	if isUsageError(err) {
		return exitUsage
	}
	return exitError
}
