// Command onboard takes a person from nothing to a verified banking
// customer in the terminal: terms, phone, SMS secret and password, login,
// KYC by QR code, and email verification. With no --api-url it runs against
// its embedded sandbox, so it works with no account and no network.
package main

import (
	"context"
	"errors"
	"os"

	"charm.land/fang/v2"
)

// Exit codes (DESIGN.md "Command line").
const (
	exitOK          = 0
	exitError       = 1
	exitUsage       = 2
	exitWaiting     = 3
	exitInterrupted = 130
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:]))
}

func run(ctx context.Context, args []string) int {
	root := newRootCmd(newEnv())
	root.SetArgs(args)
	err := fang.Execute(ctx, root, fang.WithVersion(versionString()), fang.WithoutManpage(),
		fang.WithErrorHandler(errorHandler))
	return exitCode(err)
}

// codeError carries an exit code through cobra. A silent one has already
// been reported to the person (or needs no words, like Ctrl+C).
type codeError struct {
	code   int
	err    error
	silent bool
}

func (e *codeError) Error() string { return e.err.Error() }
func (e *codeError) Unwrap() error { return e.err }

// withCode attaches an exit code to err.
func withCode(code int, err error) error { return &codeError{code: code, err: err} }

// silently exits with code without printing anything more.
func silently(code int, err error) error { return &codeError{code: code, err: err, silent: true} }

func exitCode(err error) int {
	if err == nil {
		return exitOK
	}
	var ce *codeError
	if errors.As(err, &ce) {
		return ce.code
	}
	if errors.Is(err, context.Canceled) {
		return exitInterrupted
	}
	if isUsageError(err) {
		return exitUsage
	}
	return exitError
}
