package main

import (
	"io"
	"os"

	"golang.org/x/term"

	"github.com/onboard-cli/onboard/internal/i18n"
	"github.com/onboard-cli/onboard/internal/keystore"
)

// env is what a command reads from and writes to, injected so that tests
// can run commands without touching the real process.
type env struct {
	getenv   func(string) string
	stdin    io.Reader
	stdout   io.Writer
	stderr   io.Writer
	stdinTTY bool
	// stdoutTTY: with stdin, a terminal means the full-screen wizard.
	stdoutTTY bool
	// restoreTerminal puts the terminal back as it was at start (a
	// password prompt turns echo off); exit ends the process. Tests
	// replace both.
	restoreTerminal func()
	exit            func(int)
	// keyring is the OS keyring, for --remember (a fake in tests).
	keyring keystore.Backend
	// tr is the run's one printer (printer): French costs a catalog
	// compile, made once a run however many parts speak.
	tr i18n.Printer
}

// printer is the run's printer for lang, built on first need and kept.
func (e *env) printer(lang string) i18n.Printer {
	e.tr = e.tr.For(lang)
	return e.tr
}

func newEnv() *env {
	fd := int(os.Stdin.Fd())
	e := &env{
		getenv:          os.Getenv,
		stdin:           os.Stdin,
		stdout:          os.Stdout,
		stderr:          os.Stderr,
		stdinTTY:        term.IsTerminal(fd),
		stdoutTTY:       term.IsTerminal(int(os.Stdout.Fd())),
		restoreTerminal: func() {},
		exit:            os.Exit,
		keyring:         keystore.OS{},
	}
	if e.stdinTTY {
		if state, err := term.GetState(fd); err == nil {
			e.restoreTerminal = func() { _ = term.Restore(fd, state) }
		}
	}
	return e
}
