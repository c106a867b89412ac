package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/onboard-cli/onboard/internal/i18n"
	"github.com/onboard-cli/onboard/internal/keystore"
	"github.com/onboard-cli/onboard/internal/remember"
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
					remember.EndAll(cmd.Context(), kept, func(ctx context.Context, k remember.Session) error { return endSession(ctx, e, k) }, e.stdout, e.stderr, tr)
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

// endSession reaches k's provider as the wizard did and ends k there
// (remember.End).
func endSession(ctx context.Context, e *env, k remember.Session) error {
	s := settings{Provider: setting{Value: k.Provider}, APIURL: setting{Value: k.APIURL}, Partner: setting{Value: k.Partner},
		ProfileID: setting{Value: k.ProfileID}, APIKey: setting{Value: e.getenv("ONBOARD_API_KEY")}}
	t, err := openTarget(ctx, s, nil, embedded{}, forStatus)
	if err != nil {
		return err
	}
	defer t.close()
	return remember.End(ctx, t.provider, k)
}
