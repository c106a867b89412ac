package flow

import (
	"errors"

	"github.com/onboard-cli/onboard/api"
)

// explainSCA is the sentence for a change that waits for, or was refused
// over, strong customer authentication (Engine.ChangeContact), and for
// ErrCannotChange.
func explainSCA(err error) (*Text, bool) {
	if errors.Is(err, ErrCannotChange) {
		return Say(ErrCannotChange.Error()), true
	}
	if _, ok := api.SCAPending(err); ok {
		return Say("the bank asks you to approve this change on your phone; approve it there and onboard carries on"), true
	}
	r, ok := api.SCAFailure(err)
	if !ok {
		return nil, false
	}
	switch r {
	case api.SCARequired:
		return Say("the bank needs you to approve this change in its app, which it could not ask for; try again, or contact the bank's support"), true
	case api.SCANoDevice:
		return Say("the bank needs you to approve this change in its app, and no phone is set up for that yet; set up the bank's app, then try again"), true
	case api.SCAFactorNotSet:
		return Say("the bank's app has no PIN or fingerprint set up to approve this change; set one up in the app, then try again"), true
	case api.SCANotFound:
		return Say("the bank no longer knows this approval request; try again to get a new one"), true
	case api.SCANotCompleted:
		return Say("the change is not approved yet; approve it on your phone"), true
	case api.SCADeclined:
		return Say("the change was declined on your phone, or its request expired; nothing was changed. Try again to get a new request"), true
	case api.SCAAlreadyUsed:
		return Say("this approval was already used; try again to get a new one"), true
	case api.SCADoesNotMatch:
		return Say("the approval was for a different change; try again to get a new request"), true
	}
	return nil, false
}
