package flow

import (
	"errors"
	"fmt"
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
	if errors.Is(err, ErrLoginNeeded) {
		return "your session expired; log in again (your progress is saved)"
	}
	if errors.Is(err, ErrKYCRejected) {
		return ErrKYCRejected.Error()
	}
	ae, ok := api.AsError(err)
	if !ok {
		return api.SanitizeLine(err.Error())
	}
	switch ae.Kind {
	case api.KindUnavailable:
		return "cannot reach the provider right now; check your connection and try again (your progress is saved)"
	case api.KindRateLimited:
		return "too soon: try again in " + RoundUp(ae.RetryAfter)
	case api.KindInvalidCode:
		msg := "that code is not right or has expired"
		if !Meaningless(ae.Message) {
			msg += " (" + strings.TrimSuffix(api.SanitizeLine(ae.Message), ".") + ")"
		}
		return msg
	case api.KindTooManyAttempts:
		return "too many wrong tries; ask for a new code (or wait " + RoundUp(ae.RetryAfter) + " before logging in again)"
	case api.KindUnauthorized:
		if n.LoginByEmail {
			return "the email address or the password is wrong; check both and type the password again"
		}
		return "the phone number or the password is wrong"
	case api.KindPhoneTaken:
		if n.LoginByEmail {
			return "this email address is already registered; log in with it"
		}
		return "this number is already registered; log in, or set a new password by SMS"
	case api.KindNotFound:
		// Retrying cannot help: the provider does not know this customer
		// (another partner's, or a sandbox that was reset).
		if n.LoginByEmail {
			return "the provider has no account with this email address; check it, or register it with onboard from the start"
		}
		return "the provider has no account with this phone number; check the number, or register it with onboard from the start"
	case api.KindSCAPending:
		return "the provider is waiting for you to approve this on your phone; approve it, then try again"
	}
	return explainOther(ae)
}

// debugHint ends a sentence about a failure onboard cannot explain better.
const debugHint = "run onboard with --debug FILE and send the file to support"

// explainOther is the sentence for a failure no kind above explains: the
// provider's own message when it says something, attributed to the field
// it names; a sentence of ours when it says nothing (Meaningless).
func explainOther(ae *api.Error) string {
	if ae.Code == api.CodeBadID {
		return "the provider gave " + fieldName(ae) + " that is not in its documented format, so onboard sent nothing; " + debugHint
	}
	msg := strings.TrimSuffix(api.SanitizeLine(ae.Message), ".")
	if Meaningless(msg) {
		msg = ""
	}
	if ae.Kind == api.KindInvalid && len(ae.Fields) > 0 {
		what := "the provider refused " + fieldName(ae)
		if f := strings.TrimSuffix(api.SanitizeLine(ae.Fields[0].Message), "."); !Meaningless(f) {
			what += " (" + f + ")"
		}
		return what + "; check it, and if it keeps happening, " + debugHint
	}
	if msg == "" {
		return "the provider refused this without saying why (try again; if it keeps happening, " + debugHint + ")"
	}
	return msg + " (try again; if it keeps happening, " + debugHint + ")"
}

// fieldName names the first field an error is about, for a sentence:
// "the consumer id", "the field userId".
func fieldName(ae *api.Error) string {
	if len(ae.Fields) == 0 {
		return "a value"
	}
	f := api.SanitizeLine(ae.Fields[0].Field)
	if f == "" || len([]rune(f)) > 40 {
		return "a value"
	}
	if strings.Contains(f, " ") {
		return "a " + f
	}
	return "the field " + f
}

// RoundUp says a duration the way a person would: "12 s", "3 min", or "a
// moment" for nothing at all.
func RoundUp(d interface{ Seconds() float64 }) string {
	s := int(d.Seconds() + 0.999)
	switch {
	case s <= 0:
		return "a moment"
	case s < 120:
		return fmt.Sprintf("%d s", s)
	}
	return fmt.Sprintf("%d min", (s+59)/60)
}
