package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/onboard-cli/onboard/internal/i18n"
)

// asker gets one answer from the person, or says which flag would have
// given it.
type asker interface {
	// ask returns a value that passes validate. flag names the flag that
	// supplies it in --no-input mode ("" when none can).
	ask(flag, question string, secret bool, validate func(string) error) (string, error)
	confirm(flag, question string) (bool, error)
}

// missingInput is exit 2, naming the flag.
func missingInput(flag, question string) error {
	if flag == "" {
		return withCode(exitUsage, fmt.Errorf("--no-input cannot answer %q: secrets never go on the command line; run without --no-input, or add --sandbox-auto on the sandbox", strings.TrimSuffix(question, ":")))
	}
	return withCode(exitUsage, fmt.Errorf("--no-input needs %s", flag))
}

// noInput never prompts.
type noInput struct{}

func (noInput) ask(flag, question string, _ bool, _ func(string) error) (string, error) {
	return "", missingInput(flag, question)
}

func (noInput) confirm(flag, question string) (bool, error) {
	return false, missingInput(flag, question)
}

// linePrompter asks on stderr and reads lines from stdin; it works with a
// screen reader and with piped input, and re-asks after a wrong answer.
// Secrets are read without echo when stdin is a terminal.
type linePrompter struct {
	in    *bufio.Reader
	out   io.Writer
	tty   bool
	tries int
	// tr puts the questions and the reasons for asking again in the
	// person's language.
	tr i18n.Printer
}

func newLinePrompter(e *env) *linePrompter {
	return &linePrompter{in: bufio.NewReader(e.stdin), out: e.stderr, tty: e.stdinTTY, tries: 5}
}

func (p *linePrompter) line(secret bool) (string, error) {
	if !p.tty {
		return p.piped()
	}
	if secret {
		b, err := term.ReadPassword(int(os.Stdin.Fd()))
		fmt.Fprintln(p.out)
		if err != nil {
			return "", fmt.Errorf("reading: %w", err)
		}
		return string(b), nil
	}
	return p.read()
}

// piped reads an answer nothing echoed (a pipe, a file), then ends the
// prompt's line, so what follows does not run on after the question.
func (p *linePrompter) piped() (string, error) {
	s, err := p.read()
	if err == nil {
		fmt.Fprintln(p.out)
	}
	return s, err
}

func (p *linePrompter) read() (string, error) {
	s, err := p.in.ReadString('\n')
	if err != nil && (s == "" || !errors.Is(err, io.EOF)) {
		if errors.Is(err, io.EOF) {
			return "", withCode(exitUsage, errors.New("stdin ended before every answer was given"))
		}
		return "", fmt.Errorf("reading: %w", err)
	}
	return strings.TrimRight(s, "\r\n"), nil
}

func (p *linePrompter) ask(_, question string, secret bool, validate func(string) error) (string, error) {
	for i := 0; i < p.tries; i++ {
		fmt.Fprintf(p.out, "%s ", p.tr.T(question))
		v, err := p.line(secret)
		if err != nil {
			return "", err
		}
		if validate == nil {
			return v, nil
		}
		if err := validate(v); err != nil {
			fmt.Fprintf(p.out, "  ✗ %s\n", p.tr.T(capitalize(err.Error())))
			continue
		}
		return v, nil
	}
	return "", withCode(exitUsage, fmt.Errorf("no valid answer to %q after %d tries", question, p.tries))
}

func (p *linePrompter) confirm(_, question string) (bool, error) {
	v, err := p.ask("", question+" [y/n]", false, func(s string) error {
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "y", "yes", "o", "oui", "n", "no", "non":
			return nil
		}
		return errors.New("answer y or n")
	})
	if err != nil {
		return false, err
	}
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "y", "yes", "o", "oui":
		return true, nil
	}
	return false, nil
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
