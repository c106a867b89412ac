package line

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/exit"
	"github.com/onboard-cli/onboard/internal/i18n"
)

// Asker gets one answer from the person, or says which flag would have
// given it.
type Asker interface {
	// Ask returns a value that passes validate. flag names the flag that
	// supplies it in --no-input mode ("" when none can); question is in
	// the person's language.
	Ask(flag, question string, secret bool, validate func(string) error) (string, error)
	// Confirm asks a yes-or-no question (in the person's language).
	Confirm(flag, question string) (bool, error)
}

// MissingInput is exit 2, naming the flag.
func MissingInput(flag, question string) error {
	if flag == "" {
		return exit.With(exit.Usage, flow.Say("--no-input cannot answer %q: secrets never go on the command line; run without --no-input, or add --sandbox-auto on the sandbox", strings.TrimSuffix(question, ":")))
	}
	return exit.With(exit.Usage, flow.Say("--no-input needs %s", flag))
}

// NoInput never prompts (--no-input): each question is the flag that
// would have answered it.
type NoInput struct{}

// Ask implements Asker.
func (NoInput) Ask(flag, question string, _ bool, _ func(string) error) (string, error) {
	return "", MissingInput(flag, question)
}

// Confirm implements Asker.
func (NoInput) Confirm(flag, question string) (bool, error) {
	return false, MissingInput(flag, question)
}

// Prompter asks on stderr and reads lines from stdin; it works with a
// screen reader and with piped input, and re-asks after a wrong answer.
// Secrets are read without echo when stdin is a terminal.
type Prompter struct {
	in    *bufio.Reader
	out   io.Writer
	tty   bool
	tries int
	// tr puts the questions and the reasons for asking again in the
	// person's language.
	tr i18n.Printer
}

// NewPrompter asks on out and reads from in; tty says in is a terminal
// (secrets are then read without echo); tr is the person's language.
func NewPrompter(in io.Reader, out io.Writer, tty bool, tr i18n.Printer) *Prompter {
	return &Prompter{in: bufio.NewReader(in), out: out, tty: tty, tries: 5, tr: tr}
}

func (p *Prompter) line(secret bool) (string, error) {
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
func (p *Prompter) piped() (string, error) {
	s, err := p.read()
	if err == nil {
		fmt.Fprintln(p.out)
	}
	return s, err
}

func (p *Prompter) read() (string, error) {
	s, err := p.in.ReadString('\n')
	if err != nil && (s == "" || !errors.Is(err, io.EOF)) {
		if errors.Is(err, io.EOF) {
			return "", exit.With(exit.Usage, errors.New("stdin ended before every answer was given"))
		}
		return "", fmt.Errorf("reading: %w", err)
	}
	return strings.TrimRight(s, "\r\n"), nil
}

// Ask implements Asker, asking again after an answer validate refuses.
func (p *Prompter) Ask(_, question string, secret bool, validate func(string) error) (string, error) {
	for i := 0; i < p.tries; i++ {
		fmt.Fprintf(p.out, "%s ", question)
		v, err := p.line(secret)
		if err != nil {
			return "", err
		}
		if validate == nil {
			return v, nil
		}
		if err := validate(v); err != nil {
			fmt.Fprintf(p.out, "  ✗ %s\n", Capitalize(p.tr.Err(err)))
			continue
		}
		return v, nil
	}
	return "", exit.With(exit.Usage, flow.Say("no valid answer to %q after %d tries", question, p.tries))
}

// Confirm implements Asker: y or n, in English or French.
func (p *Prompter) Confirm(_, question string) (bool, error) {
	v, err := p.Ask("", question+p.tr.T(" [y/n]"), false, func(s string) error {
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "y", "yes", "o", "oui", "n", "no", "non":
			return nil
		}
		return flow.Say("answer y or n")
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

// Capitalize puts a sentence's first letter in capitals.
func Capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// AskSecret reads a secret (what, e.g. "the partner's password") without
// echo from the terminal in, asked on out in tr's language; without a
// terminal it is a usage error naming where the secret can come from
// instead (from, e.g. "--password-stdin").
func AskSecret(in io.Reader, out io.Writer, tty bool, tr i18n.Printer, what *flow.Text, from string) (string, error) {
	if !tty {
		return "", exit.With(exit.Usage, i18n.Errorf("stdin is not a terminal, so it cannot ask for %s: give it with %s", what, from))
	}
	return NewPrompter(in, out, tty, tr).Ask("", Capitalize(tr.M(what))+":", true, func(v string) error {
		if v == "" {
			return i18n.Errorf("type it, or press Ctrl+C to stop")
		}
		return nil
	})
}
