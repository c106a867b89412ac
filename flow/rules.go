package flow

import (
	"errors"
	"time"

	"github.com/onboard-cli/onboard/api"
)

// The rules in this file decide outcomes that both front ends meet: the
// full-screen wizard (tui) and line mode render what they say, and decide
// none of it themselves.

// Retry decides whether an operation (a step, not a poll) that failed
// with err on its try number tries (0-based) is tried again by itself,
// and after how long: connection trouble and a provider asking to slow
// down are, ActionTries times in all, after ActionDelay; anything else
// is the person's to act on. Every operation is safe to repeat: a create
// looks before it creates again, and a lost password change or code check
// is found out.
func Retry(err error, tries int) (time.Duration, bool) {
	retryAfter, ok := Retryable(err)
	if !ok || tries+1 >= ActionTries {
		return 0, false
	}
	return ActionDelay(tries, retryAfter), true
}

// RetryNotice is what the person is told while an operation waits to be
// tried again after err, with the wait as its one argument.
func RetryNotice(err error) string {
	if errors.Is(err, api.ErrRateLimited) {
		return "The provider asks to slow down; trying again in %s."
	}
	return "Connection trouble; retrying in %s."
}

// RetryMessage is RetryNotice's sentence for a wait of delay, as a
// Text for a front end that translates it.
func RetryMessage(err error, delay time.Duration) *Text {
	return Say(RetryNotice(err), HowLong(delay))
}

// SCAGiveUp is the longest a change of number or address waits for the
// bank's approval (strong customer authentication): past it, both front
// ends stop replaying the change, say SCANotApproved and leave everything
// as it was.
const SCAGiveUp = 5 * time.Minute

// SCANotApproved is what both front ends say when the wait for the bank's
// approval of a change is over (SCAWaitOver).
const SCANotApproved = "The change was not approved in time; nothing was changed."

// SCAWaitOver reports whether a wait for the bank's approval that began at
// since is over at now: after SCAGiveUp, or the poll policy's Deadline
// when that is shorter.
func SCAWaitOver(since, now time.Time, p Policy) bool {
	limit := SCAGiveUp
	if p.Deadline > 0 {
		limit = min(limit, p.Deadline)
	}
	return now.Sub(since) > limit
}

// Message is a kind of message a step sends, as a set of bits (State's
// SendsUnanswered holds several).
type Message uint8

// The messages a step sends.
const (
	// MessageSecret is LinkCy's SMS secret for setting the password.
	MessageSecret Message = 1 << iota
	// MessageSMSCode is a verification code by SMS.
	MessageSMSCode
	// MessageEmail is the email with a verification code or link.
	MessageEmail
)

// MessageOf is the message a step sends, or 0 for a step that sends none.
func MessageOf(step Step) Message {
	switch step {
	case StepCredentials:
		return MessageSecret
	case StepPhoneCode:
		return MessageSMSCode
	case StepEmail, StepEmailCode:
		return MessageEmail
	}
	return 0
}

// SentAt is when m last went out, as far as st knows (zero: none this run
// knows of).
func (st State) SentAt(m Message) time.Time {
	switch m {
	case MessageSecret:
		return st.SecretSentAt
	case MessageSMSCode:
		return st.PhoneCodeSentAt
	case MessageEmail:
		return st.EmailSentAt
	}
	return time.Time{}
}

// SentTooSoon reports whether err refuses to send m because one went out
// moments ago, as far as st knows: a send of m succeeded, or lost its
// answer (TooSoon).
func (st State) SentTooSoon(m Message, err error) bool {
	return TooSoon(err, m != 0 && (st.SendsUnanswered&m != 0 || !st.SentAt(m).IsZero()))
}

// sendAnswered records how a send of m ended in st: an answer lost means
// the message may be on its way; any answer clears that.
func (st State) sendAnswered(m Message, err error) State {
	if api.Ambiguous(err) {
		st.SendsUnanswered |= m
	} else if err == nil {
		st.SendsUnanswered &^= m
	}
	return st
}

// TooSoon reports whether err refuses to send a code because one went
// out moments ago: the provider says too soon and a message was sent, or
// may have been (sent: a send this run knows of, or one whose answer was
// lost). The person types the code already on its way; a "too soon" with
// no message behind it is only the provider asking to slow down (Retry).
func TooSoon(err error, sent bool) bool {
	return sent && errors.Is(err, api.ErrRateLimited)
}

// KYCRestarts is how many new identity checks one run starts after a
// check ended declined or aborted, before it sends the person to support.
const KYCRestarts = 2

// KYCEnded reports whether an identity check at status is over without
// an approval, so that a new one is needed (declined or aborted).
func KYCEnded(status api.KYCStatus) bool {
	return status == api.KYCDeclined || status == api.KYCAborted
}

// KYCGiveUp is the error that ends a run whose identity check ended
// (KYCEnded) after st.KYCRestarts new checks, or nil while another check
// may start, or none is needed. Engine.StartKYC counts the restarts.
func (st State) KYCGiveUp() error {
	if !KYCEnded(st.KYCStatus) || st.KYCRestarts < KYCRestarts {
		return nil
	}
	return Say("the identity check ended %s %d times; contact the bank's support",
		KYCWord(st.KYCStatus), st.KYCRestarts+1)
}

// CodeSentAt is when the last code by ch went out, as far as st knows
// (zero: none this run knows of).
func (st State) CodeSentAt(ch api.Channel) time.Time {
	return st.SentAt(CodeMessage(ch))
}

// codeMessage is the message a code by ch is.
func CodeMessage(ch api.Channel) Message {
	if ch == api.ChannelEmail {
		return MessageEmail
	}
	return MessageSMSCode
}

// ResendIn is how long after a message sent at sent another may be asked
// for at now: the cooldown starts with a successful send.
func ResendIn(sent, now time.Time, cooldown time.Duration) time.Duration {
	if sent.IsZero() {
		return 0
	}
	return max(0, sent.Add(cooldown).Sub(now))
}
