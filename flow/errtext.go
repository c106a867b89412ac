package flow

import (
	"errors"
	"strings"

	"github.com/onboard-cli/onboard/api"
)

// Explain turns an error from the Engine into one sentence that says what
// happened and what to do next, for every front end (the TUI's banner,
// line mode, the headless runner). Provider text in it is sanitized; the
// raw detail belongs in the debug log. n is the provider's needs: the login
// is the phone or (n.LoginByEmail) the email address, and the sentences say
// which.
func Explain(err error, n api.Needs) string {
	if err == nil {
		return ""
	}
	return Explanation(err, n).String()
}

// Explanation is Explain's sentence as a Text, for a front end that
// translates it; err must not be nil. A Text of flow's own (a
// validator's refusal) is its own explanation.
func Explanation(err error, n api.Needs) *Text {
	if errors.Is(err, ErrLoginNeeded) {
		return Say("your session expired; log in again (your progress is saved)")
	}
	if errors.Is(err, ErrKYCRejected) {
		return Say(ErrKYCRejected.Error())
	}
	if m, ok := err.(*Text); ok {
		return m
	}
	if s, ok := explainSCA(err); ok {
		return s
	}
	ae, ok := api.AsError(err)
	if !ok {
		return Say("%s", api.SanitizeLine(err.Error()))
	}
	return explainKind(ae, n)
}

// explainKind is the sentence for an error from a provider, by its kind.
func explainKind(ae *api.Error, n api.Needs) *Text {
	switch ae.Kind {
	case api.KindUnavailable:
		return Say("cannot reach the provider right now; check your connection and try again (your progress is saved)")
	case api.KindRateLimited:
		return Say("too soon: try again in %s", HowLong(ae.RetryAfter))
	case api.KindInvalidCode:
		if ae.Message != "" {
			return Say("that code is not right or has expired (%s)", strings.TrimSuffix(api.SanitizeLine(ae.Message), "."))
		}
		return Say("that code is not right or has expired")
	case api.KindTooManyAttempts:
		return Say("too many wrong tries; ask for a new code (or wait %s before logging in again)", HowLong(ae.RetryAfter))
	case api.KindUnauthorized:
		if n.LoginByEmail {
			return Say("the email address or the password is wrong; check both and type the password again")
		}
		return Say("the phone number or the password is wrong")
	case api.KindPhoneTaken:
		if n.LoginByEmail {
			return Say("this email address is already registered; log in with it")
		}
		return Say("this number is already registered; log in, or set a new password by SMS")
	case api.KindNotFound:
		// Retrying cannot help: the provider does not know this customer
		// (another partner's, or a sandbox that was reset).
		if n.LoginByEmail {
			return Say("the provider has no account with this email address; check it, or register it with onboard from the start")
		}
		return Say("the provider has no account with this phone number; check the number, or register it with onboard from the start")
	case api.KindSCAPending:
		return Say("the provider is waiting for you to approve this on your phone; approve it, then try again")
	}
	msg := api.SanitizeLine(ae.Message)
	if msg == "" {
		msg = api.SanitizeLine(ae.Error())
	}
	return Say("%s (try again; if it keeps happening, run onboard with --debug FILE and send the file to support)", msg)
}

// RoundUp says a duration the way a person would: "12 s", "3 min", or "a
// moment" for nothing at all.
func RoundUp(d interface{ Seconds() float64 }) string { return HowLong(d).String() }

// HowLong is RoundUp's words as a Text, for a front end that
// translates them.
func HowLong(d interface{ Seconds() float64 }) *Text {
	s := int(d.Seconds() + 0.999)
	switch {
	case s <= 0:
		return Say("a moment")
	case s < 120:
		return Say("%d s", s)
	}
	return Say("%d min", (s+59)/60)
}
