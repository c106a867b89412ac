package main

import (
	"io"
	"os"

	"golang.org/x/term"
)

// env is what a command reads from and writes to, injected so that tests
// can run commands without touching the real process.
type env struct {
	getenv   func(string) string
	stdin    io.Reader
	stdout   io.Writer
	stderr   io.Writer
	stdinTTY bool
}

func newEnv() *env {
	return &env{
		getenv:   os.Getenv,
		stdin:    os.Stdin,
		stdout:   os.Stdout,
		stderr:   os.Stderr,
		stdinTTY: term.IsTerminal(int(os.Stdin.Fd())),
	}
}
