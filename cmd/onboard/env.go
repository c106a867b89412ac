package main

import (
	"io"
	"os"
	"strings"
	"sync"

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

// sessionPrinters are the run's printers for serve's sessions, which run
// at once: English is the run's printer, and French is compiled on the
// first session that speaks it and shared by every later one.
type sessionPrinters struct {
	en     i18n.Printer
	once   sync.Once
	french i18n.Printer
}

// sessionPrinters are the run's printers for its sessions, from e's.
func (e *env) sessionPrinters() *sessionPrinters {
	return &sessionPrinters{en: e.printer("en")}
}

// For is the printer for lang, shared by every session speaking it.
func (p *sessionPrinters) For(lang string) i18n.Printer {
	if p == nil { // a host made by a test that never speaks
		return i18n.Printer{}
	}
	if !strings.HasPrefix(strings.ToLower(lang), "fr") { // i18n.Printer.For's rule: French, or English
		return p.en
	}
	p.once.Do(func() { p.french = p.en.For("fr") })
	return p.french
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
