package line

import (
	"errors"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/exit"
)

// friendly turns an error into a sentence that says what happened and what
// to do next (flow.Explain, in the words of a provider that needs n), with the exit code and the line-mode hints:
// the run ends, so the way on is to run onboard again. The raw detail is in
// the debug log (--debug FILE).
func Friendly(err error, n api.Needs) error {
	if errors.Is(err, flow.ErrLoginNeeded) {
		return flow.Say("your session expired; run onboard again to log in (your progress is saved)")
	}
	ae, ok := api.AsError(err)
	if !ok {
		return err
	}
	msg := flow.Explanation(err, n)
	switch ae.Kind {
	case api.KindUnavailable:
		msg = flow.Say("cannot reach the provider right now; check your connection and run onboard again (your progress is saved)")
	case api.KindInvalidCode:
		msg = flow.Say("%s: type it again, or type r for a new one", msg)
	}
	return exit.With(exit.Failed, &explained{msg: msg, cause: err})
}

// explained is a sentence for the person that keeps the error it explains
// for errors.Is and errors.As (the runner tries connection trouble again);
// only the sentence is ever printed, translated by its key (Key, Args).
type explained struct {
	msg   *flow.Text
	cause error
}

func (e *explained) Error() string { return e.msg.String() }
func (e *explained) Unwrap() error { return e.cause }

// Key is the sentence's catalog key (internal/i18n).
func (e *explained) Key() string { return e.msg.Key() }

// Args are the values the sentence's format takes.
func (e *explained) Args() []any { return e.msg.Args() }
