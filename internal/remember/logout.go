package remember

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/providers"
	"github.com/onboard-cli/onboard/internal/i18n"
	"github.com/onboard-cli/onboard/line"
)

// NoLogout is End's error for a provider with no call to end a session.
type NoLogout struct{}

// Error says what NoLogout means.
func (NoLogout) Error() string { return "the provider has no call to end a session" }

// End ends kept session k at provider p, within api.DefaultTimeout. A
// session the provider already ended (401) counts as ended; a provider
// that cannot end one gives NoLogout.
func End(ctx context.Context, p any, k Session) error {
	ender, ok := p.(line.SessionEnder)
	if !ok {
		return NoLogout{}
	}
	ctx, cancel := context.WithTimeout(ctx, api.DefaultTimeout)
	defer cancel()
	if err := ender.Logout(ctx, k.APISession()); err != nil && !errors.Is(err, api.ErrUnauthorized) {
		return err
	}
	return nil
}

// EndAll ends each kept session with end, in the order of their ids,
// saying in tr's language what happened to each: on out when it ended or
// cannot be ended, on errOut when ending it failed. A session not ended
// is still deleted by the caller, and lapses by itself.
func EndAll(ctx context.Context, kept map[string]Session, end func(context.Context, Session) error, out, errOut io.Writer, tr i18n.Printer) {
	ids := make([]string, 0, len(kept))
	for id := range kept {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		k := kept[id]
		err := end(ctx, k)
		var none NoLogout
		switch {
		case err == nil:
			fmt.Fprintln(out, tr.F("✓ Ended consumer %s's session at %s.", k.ConsumerID, providers.Title(k.Provider)))
		case errors.As(err, &none):
			fmt.Fprintln(out, tr.F("• %s has no call to end a session: consumer %s's token is deleted here and lapses by itself%s.",
				providers.Title(k.Provider), k.ConsumerID, lapseTime(k, tr)))
		default:
			fmt.Fprintln(errOut, tr.F("! Could not end consumer %s's session at %s (%v); its token is deleted here and lapses by itself%s.",
				k.ConsumerID, providers.Title(k.Provider), tr.InLanguage(err), lapseTime(k, tr)))
		}
	}
}

// lapseTime is " at 2006-01-02 15:04:05" when the kept token is the
// session's last (no refresh token) and says when it expires.
func lapseTime(k Session, tr i18n.Printer) string {
	if k.ExpiresAt.IsZero() || k.RefreshToken != "" {
		return ""
	}
	return tr.F(" at %s", k.ExpiresAt.Local().Format(time.DateTime))
}
