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
		return errors.New("your session expired; run onboard again to log in (your progress is saved)")
	}
	ae, ok := api.AsError(err)
	if !ok {
		return err
	}
	msg := flow.Explain(err, n)
	switch ae.Kind {
	case api.KindUnavailable:
		msg = "cannot reach the provider right now; check your connection and run onboard again (your progress is saved)"
	case api.KindInvalidCode:
		msg += ": type it again, or type r for a new one"
	}
	return exit.With(exit.Failed, &explained{msg: msg, cause: err})
}

// explained is a sentence for the person that keeps the error it explains
// for errors.Is and errors.As (the runner tries connection trouble again);
// only the sentence is ever printed.
type explained struct {
	msg   string
	cause error
}

func (e *explained) Error() string { return e.msg }
func (e *explained) Unwrap() error { return e.cause }
