package flow

import (
	"errors"
	"strconv"
	"strings"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/internal/lazyregexp"
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
		if n, ok := triesLeft(ae.Message); ok { // the sandbox's count, said in the person's language
			if n == 1 {
				return Say("that code is not right or has expired (1 try left)")
			}
			return Say("that code is not right or has expired (%d tries left)", n)
		}
		if !Meaningless(ae.Message) {
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
	return explainOther(ae)
}

// explainOther is the sentence for a failure no kind above explains: the
// provider's own message when it says something, attributed to the field
// it names; a sentence of ours when it says nothing (Meaningless).
func explainOther(ae *api.Error) *Text {
	if ae.Code == api.CodeBadID {
		return Say("the provider gave %s that is not in its documented format, so onboard sent nothing; run onboard with --debug FILE and send the file to support", fieldName(ae))
	}
	msg := strings.TrimSuffix(api.SanitizeLine(ae.Message), ".")
	if ae.Kind == api.KindInvalid && len(ae.Fields) > 0 {
		if f := strings.TrimSuffix(api.SanitizeLine(ae.Fields[0].Message), "."); !Meaningless(f) {
			return Say("the provider refused %s (%s); check it, and if it keeps happening, run onboard with --debug FILE and send the file to support", fieldName(ae), f)
		}
		return Say("the provider refused %s; check it, and if it keeps happening, run onboard with --debug FILE and send the file to support", fieldName(ae))
	}
	if Meaningless(msg) {
		return Say("the provider refused this without saying why (try again; if it keeps happening, run onboard with --debug FILE and send the file to support)")
	}
	return Say("%s (try again; if it keeps happening, run onboard with --debug FILE and send the file to support)", msg)
}

// fieldName names the first field an error is about, for a sentence:
// "the consumer id", "the field userId".
func fieldName(ae *api.Error) *Text {
	if len(ae.Fields) == 0 {
		return Say("a value")
	}
	f := api.SanitizeLine(ae.Fields[0].Field)
	switch {
	case f == "" || len([]rune(f)) > 40:
		return Say("a value")
	case strings.Contains(f, " "):
		return Say("a %s", f)
	}
	return Say("the field %s", f)
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

// triesLeftText is how the embedded sandbox counts the tries a code has
// left ("2 tries left before this code stops working.").
var triesLeftText = lazyregexp.New(`^([0-9]{1,2}) (?:try|tries) left before this code stops working\.?$`)

// triesLeft reads the tries a code has left from a provider's message in
// the sandbox's words; false for any other message, which is then shown
// as the provider wrote it.
func triesLeft(msg string) (int, bool) {
	m := triesLeftText.FindStringSubmatch(strings.TrimSpace(msg))
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	return n, err == nil
}
