package line

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/assets"
	"github.com/onboard-cli/onboard/flow"
)

// errChange is the answer "c" (or "change") at a code prompt: the person
// wants to change the number or address the code went to.
var errChange = errors.New("change the number or address")

func isChange(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return s == "c" || s == "change"
}

// change asks for the new number and address (enter keeps each) and
// changes them, when flow allows going back to them from step.
func (r *runner) change(ctx context.Context, step flow.Step) error {
	if b := flow.BackFrom(r.plan, r.st, step, r.engine.P); !b.Change {
		r.say("  ✗ %s", b.Why)
		return nil
	}
	codes := assets.CallingCodes()
	region := flow.RegionOf(r.st.Phone)
	r.say("Your number now: %s; your email address: %s", flow.FormatPhone(r.st.Phone), orNone(r.st.Email))
	raw, err := r.ask.Ask("", r.tr.T("New mobile number (enter keeps it):"), false, func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		_, err := flow.ParsePhone(s, region, codes)
		return err
	})
	if err != nil {
		return err
	}
	email, err := r.ask.Ask("", r.tr.T("New email address (enter keeps it):"), false, func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		return flow.ValidateEmail(s)
	})
	if err != nil {
		return err
	}
	var c api.Contact
	if strings.TrimSpace(raw) != "" {
		p, _ := flow.ParsePhone(raw, region, codes)
		c.Phone = p.Phone
	}
	c.Email = strings.TrimSpace(email)
	return r.applyChange(ctx, c)
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// applyChange sends the change, and waits for the bank's approval while
// it asks for one (approved). A change refused or not approved in time
// is said, and the step goes on with what was there.
func (r *runner) applyChange(ctx context.Context, c api.Contact) error {
	err := r.approved(ctx, func() error {
		st, err := r.engine.ChangeContact(ctx, r.st, c)
		r.st = st
		return err
	})
	switch {
	case err == nil:
		r.say("✓ Changed: %s, %s", flow.FormatPhone(r.st.Phone), orNone(r.st.Email))
	case ctx.Err() != nil:
		return err
	case errors.Is(err, errNotApproved):
		r.say("  ✗ %s", r.tr.T(flow.SCANotApproved))
	default:
		r.say("  ✗ %s", Capitalize(r.friendly(err).Error()))
	}
	return nil
}

// errNotApproved is a change the bank's approval did not let through
// within flow.SCAWaitOver's time.
var errNotApproved = errors.New("the change was not approved in time; nothing was changed")

// approved runs try, a change of contact, until the bank lets it through:
// while it asks for an approval (a push to the phone, or a join code to
// enter in its app) it says so once and replays it at the poll policy's
// first wait, until flow.SCAWaitOver. nil once it went through; try's refusal,
// errNotApproved, or the context's end otherwise.
func (r *runner) approved(ctx context.Context, try func() error) error {
	told := false
	since := time.Now()
	for {
		err := try()
		if err == nil {
			return nil
		}
		ch, pending := api.SCAPending(err)
		reason, refused := api.SCAFailure(err)
		if !pending && !(refused && reason == flow.SCAStillWaiting) {
			return err
		}
		if !told {
			told = true
			if ch.JoinCode != "" {
				r.say("Approve this change: open the bank's app on your phone and enter the join code %s", api.SanitizeLine(ch.JoinCode))
			} else {
				r.say("Approve this change on your phone: the bank sent a request to its app. Waiting for your approval…")
			}
		}
		if flow.SCAWaitOver(since, time.Now(), r.policy) {
			return errNotApproved
		}
		if err := pauseFor(ctx, r.policy.Initial); err != nil {
			return err
		}
	}
}
