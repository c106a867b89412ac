package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/providers"
	"github.com/onboard-cli/onboard/internal/i18n"
	"github.com/onboard-cli/onboard/internal/keystore"
	"github.com/onboard-cli/onboard/internal/remember"
	"github.com/onboard-cli/onboard/line"
)

func newLogoutCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "logout",
		Short: "End and forget every session --remember kept",
		Long: `logout ends every consumer session onboard kept with --remember at its
provider, where the provider has a call for it (Weavr: POST /logout), then
deletes every kept token: from the OS keyring, and from the file it uses where
there is no keyring.

LinkCy documents no call to end a session or revoke a token: its tokens are
deleted here and lapse by themselves (a copy made elsewhere works until then).
A Weavr session on a real API needs ONBOARD_API_KEY to be ended.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f, err := remember.SecretsFile()
			if err != nil {
				return err
			}
			stores := []keystore.Store{f}
			if ks, err := keystore.Keyring(e.keyring, keyringTimeout); err == nil {
				stores = append([]keystore.Store{ks}, stores...)
			}
			tr := e.speaker(cmd)
			for _, s := range stores {
				kept, err := remember.ReadSessions(s)
				if err == nil {
					endSessions(cmd.Context(), e, kept, tr)
				}
				if err := s.Clear(); err != nil {
					return i18n.Errorf("forgetting the tokens in %s: %v", s.Where(), err)
				}
				if err == nil && len(kept) == 0 {
					fmt.Fprintln(e.stdout, tr.F("Nothing of onboard's was kept in %s.", s.Where()))
					continue
				}
				fmt.Fprintln(e.stdout, tr.F("✓ Nothing of onboard's is kept in %s any more.", s.Where()))
			}
			return nil
		},
	}
}

// endSessions ends each kept session at its provider, saying what
// happened to each; a session that cannot be ended is still deleted by
// the caller, and lapses by itself. tr speaks the person's language.
func endSessions(ctx context.Context, e *env, kept map[string]remember.Session, tr i18n.Printer) {
	ids := make([]string, 0, len(kept))
	for id := range kept {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		k := kept[id]
		err := endSession(ctx, e, k)
		var none errNoLogout
		switch {
		case err == nil:
			fmt.Fprintln(e.stdout, tr.F("✓ Ended consumer %s's session at %s.", k.ConsumerID, providers.Title(k.Provider)))
		case errors.As(err, &none):
			fmt.Fprintln(e.stdout, tr.F("• %s has no call to end a session: consumer %s's token is deleted here and lapses by itself%s.",
				providers.Title(k.Provider), k.ConsumerID, lapseTime(k, tr)))
		default:
			fmt.Fprintln(e.stderr, tr.F("! Could not end consumer %s's session at %s (%v); its token is deleted here and lapses by itself%s.",
				k.ConsumerID, providers.Title(k.Provider), tr.InLanguage(err), lapseTime(k, tr)))
		}
	}
}

// errNoLogout: the provider has no call to end a session.
type errNoLogout struct{}

func (errNoLogout) Error() string { return "the provider has no call to end a session" }

// endSession reaches k's provider as the wizard did and ends k there. A
// session the provider already ended (401) counts as ended.
func endSession(ctx context.Context, e *env, k remember.Session) error {
	s := settings{Provider: setting{Value: k.Provider}, APIURL: setting{Value: k.APIURL}, Partner: setting{Value: k.Partner},
		ProfileID: setting{Value: k.ProfileID}, APIKey: setting{Value: e.getenv("ONBOARD_API_KEY")}}
	t, err := openTarget(ctx, s, nil, embedded{}, forStatus)
	if err != nil {
		return err
	}
	defer t.close()
	ender, ok := t.provider.(line.SessionEnder)
	if !ok {
		return errNoLogout{}
	}
	ctx, cancel := context.WithTimeout(ctx, api.DefaultTimeout)
	defer cancel()
	if err := ender.Logout(ctx, k.APISession()); err != nil && !errors.Is(err, api.ErrUnauthorized) {
		return err
	}
	return nil
}

// lapseTime is " at 2006-01-02 15:04:05" when the kept token is the
// session's last (no refresh token) and says when it expires.
func lapseTime(k remember.Session, tr i18n.Printer) string {
	if k.ExpiresAt.IsZero() || k.RefreshToken != "" {
		return ""
	}
	return tr.F(" at %s", k.ExpiresAt.Local().Format(time.DateTime))
}
