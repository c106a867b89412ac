package main

import (
	"errors"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
)

// friendly turns an error into a sentence that says what happened and what
// to do next (flow.Explain, in the words of a provider that needs n), with the exit code and the line-mode hints:
// the run ends, so the way on is to run onboard again. The raw detail is in
// the debug log (--debug FILE).
func friendly(err error, n api.Needs) error {
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
	return withCode(exitError, errors.New(msg))
}
