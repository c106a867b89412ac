package linkcy

import (
	"context"
	"errors"

	"github.com/onboard-cli/onboard/api"
)

// createTries bounds the creates sent for one consumer whose answers were
// lost: the first, and up to three more after looking.
const createTries = 4

// lookupFunc finds the consumer a lost create may have made: its id and
// true, or false when it is not there.
type lookupFunc func(ctx context.Context) (string, bool, error)

// createSafely creates a consumer without ever making two. LinkCy
// documents no idempotency, so after an answer that leaves it unclear
// whether the consumer was made (api.Ambiguous), the create is sent again
// only once lookup says the consumer is not there.
//
// Without a partner token LinkCy allows no lookup; lookup is then nil and
// the create itself looks, by phone: a number can belong to one consumer
// only (409), so a 409 after a lost answer means that answer made it, and
// the id comes with the login.
func (c *Client) createSafely(ctx context.Context, token string, p CreateConsumerParams, lookup lookupFunc) (string, error) {
	id, err := c.CreateConsumer(ctx, token, p)
	var unclear error // the last lost answer not yet cleared up by a lookup
	for try := 1; api.Ambiguous(err) && try < createTries; try++ {
		unclear = err
		if perr := c.rest.Pause(ctx, try-1); perr != nil {
			return "", perr
		}
		if lookup != nil {
			found, ok, lerr := lookup(ctx)
			switch {
			case lerr != nil:
				err = lerr // still unclear: look again after the next pause
				continue
			case ok:
				return found, nil
			}
			unclear = nil // not there: creating it again is safe
		}
		id, err = c.CreateConsumer(ctx, token, p)
		if lookup == nil && errors.Is(err, api.ErrPhoneTaken) {
			return "", nil
		}
	}
	if err != nil && unclear != nil && !api.Ambiguous(err) && !errors.Is(err, api.ErrValidation) {
		// Refused for another reason (slow down, …) after a lost answer:
		// whether the consumer exists is still unknown, and the caller
		// must hear so.
		return "", unclear
	}
	return id, err
}
