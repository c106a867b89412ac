package flow

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/onboard-cli/onboard/api"
)

// ContactChanger changes a registered consumer's phone number or email
// address through the provider's update call (docs/ARCHITECTURE.md, "Going
// back"). scaID replays an approved strong customer authentication ("" for
// none); a change that needs one fails with an *api.SCAPendingError.
type ContactChanger interface {
	ChangeContact(ctx context.Context, s api.Session, c api.Contact, scaID string) error
}

// ErrCannotChange means the provider offers no way to change a registered
// number or address from here.
var ErrCannotChange = errors.New("this bank does not let onboard change a registered number or address; contact the bank's support")

// ChangeContact changes the registered phone number or email address to
// c's (a zero field stays). Before there is a session, on a consumer that
// nothing proves yet (LinkCy's, before its SMS secret set a password),
// the consumer is registered again with the new details: the mistyped one
// was never proven and nobody can log into it. With a session it is the
// provider's update call; a new number is then proven with the phone code
// (Plan.Next), a new address with the plan's email step. On an error the
// state is the one before, with what an SCA wait needs (st.SCA).
func (e Engine) ChangeContact(ctx context.Context, st State, c api.Contact) (State, error) {
	c = changes(st, c)
	if c.IsZero() {
		return st, nil
	}
	if st.Session.Token == "" {
		return e.registerAgain(ctx, st, c)
	}
	cc, ok := e.P.(ContactChanger)
	if !ok {
		return st, ErrCannotChange
	}
	scaID := ""
	if st.SCA.ID != "" && st.SCAFor == c {
		scaID = st.SCA.ID
	}
	next, err := e.authed(ctx, st, func(s api.Session) error { return cc.ChangeContact(ctx, s, c, scaID) })
	if ch, waiting := api.SCAPending(err); waiting {
		next.SCA, next.SCAFor = ch, c
		return next, fmt.Errorf("changing your details: %w", err)
	}
	if err != nil {
		if r, ok := api.SCAFailure(err); ok && r != SCAStillWaiting {
			next.SCA, next.SCAFor = api.SCAChallenge{}, api.Contact{} // spent: the next try starts a new one
		}
		return next, fmt.Errorf("changing your details: %w", err)
	}
	next.SCA, next.SCAFor = api.SCAChallenge{}, api.Contact{}
	return e.changed(ctx, next, c), nil
}

// SCAStillWaiting is the SCA refusal that means "not approved yet": the
// wait goes on.
const SCAStillWaiting = api.SCANotCompleted

// changes keeps of c what differs from the state.
func changes(st State, c api.Contact) api.Contact {
	if c.Phone == st.Phone {
		c.Phone = api.Phone{}
	}
	c.Email = strings.TrimSpace(c.Email)
	if strings.EqualFold(c.Email, st.Email) {
		c.Email = ""
	}
	return c
}

// changed records a change the provider took, and reads the account.
func (e Engine) changed(ctx context.Context, st State, c api.Contact) State {
	if c.Phone != (api.Phone{}) {
		st.Phone, st.PhoneVerified, st.PhoneChanged, st.PhoneCodeSentAt = c.Phone, false, true, time.Time{}
	}
	if c.Email != "" {
		st.Email, st.EmailVerified, st.EmailSentAt = c.Email, false, time.Time{}
		st.Snapshot.Email = c.Email
	}
	if synced, err := e.Sync(ctx, st); err == nil {
		synced.PhoneChanged = st.PhoneChanged
		return synced
	}
	return st
}

// registerAgain registers a consumer that nothing proves yet again with
// the new details. A password set (or a proven phone) needs a login first.
func (e Engine) registerAgain(ctx context.Context, st State, c api.Contact) (State, error) {
	if st.PasswordSet || st.PhoneVerified || !e.P.Needs().SMSSecret {
		return st, ErrLoginNeeded
	}
	next := st
	if c.Phone != (api.Phone{}) {
		next.Phone = c.Phone
	}
	if c.Email != "" {
		next.Email = c.Email
	}
	if c.Phone == (api.Phone{}) {
		return next, nil // the address goes to the provider with the email step
	}
	next.ConsumerID, next.UserID, next.Registered, next.CreateUnanswered = "", "", false, false
	next.SecretSentAt, next.Snapshot = time.Time{}, api.Snapshot{}
	out, err := e.Register(ctx, next)
	if err != nil {
		return st, err
	}
	return out, nil
}
