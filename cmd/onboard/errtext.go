package main

import (
	"errors"
	"fmt"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
)

// friendly turns an error into a sentence that says what happened and what
// to do next. The raw detail is in the debug log (--debug FILE).
func friendly(err error) error {
	ae, ok := api.AsError(err)
	if errors.Is(err, flow.ErrLoginNeeded) {
		return errors.New("your session expired; run onboard again to log in (your progress is saved)")
	}
	if !ok {
		return err
	}
	msg := ""
	switch ae.Kind {
	case api.KindUnavailable:
		msg = "cannot reach the provider right now; check your connection and run onboard again (your progress is saved)"
	case api.KindRateLimited:
		msg = fmt.Sprintf("too soon: try again in %s", roundUp(ae.RetryAfter))
	case api.KindInvalidCode:
		msg = "that code is not right or has expired: type it again, or type r for a new one"
		if ae.Message != "" {
			msg += " (" + ae.Message + ")"
		}
	case api.KindTooManyAttempts:
		msg = "too many wrong tries; ask for a new code (or wait " + roundUp(ae.RetryAfter) + " before logging in again)"
	case api.KindUnauthorized:
		msg = "the phone number or the password is wrong"
	case api.KindPhoneTaken:
		msg = "this number is already registered; log in, or set a new password by SMS"
	case api.KindSCAPending:
		msg = "the provider is waiting for you to approve this on your phone; approve it, then run onboard again"
	default:
		msg = ae.Message
		if msg == "" {
			msg = ae.Error()
		}
		msg += " (run onboard again; if it keeps happening, run it with --debug FILE and send the file to support)"
	}
	return withCode(exitError, errors.New(msg))
}

func roundUp(d interface{ Seconds() float64 }) string {
	s := int(d.Seconds() + 0.999)
	switch {
	case s <= 0:
		return "a moment"
	case s < 120:
		return fmt.Sprintf("%d s", s)
	}
	return fmt.Sprintf("%d min", (s+59)/60)
}
