package flow

import (
	"context"
	"fmt"
	"strings"

	"github.com/onboard-cli/onboard/api"
)

// SaveEmail is the email step's one way to save the address typed, for
// both front ends. The provider's own address kept is nothing to do. In
// place of an address the provider already has, it is a change of contact
// (ChangeContact), which the bank may ask to approve on the phone: the
// error is then an *api.SCAPendingError, st.SCA holds the interaction, and
// calling SaveEmail again with the same address replays it until it goes
// through or is refused (explainSCA). A first address is the provider's
// plain update.
func (e Engine) SaveEmail(ctx context.Context, st State, email string) (State, error) {
	email = strings.TrimSpace(email)
	had := st.Snapshot.Email
	if strings.EqualFold(email, had) && email != "" {
		st.Email = email
		return st, nil
	}
	if _, ok := e.P.(ContactChanger); ok && had != "" && email != "" && st.Session.Token != "" {
		st.Email = had // what the change starts from: the provider's address
		return e.ChangeContact(ctx, st, api.Contact{Email: email})
	}
	st, err := e.authed(ctx, st, func(s api.Session) error { return e.P.SetEmail(ctx, s, email) })
	if err != nil {
		return st, fmt.Errorf("saving the email address: %w", err)
	}
	st.Email, st.EmailVerified = email, false
	st.Snapshot.Email = email
	return st, nil
}
