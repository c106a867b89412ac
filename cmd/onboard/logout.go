package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/onboard-cli/onboard/internal/keystore"
)

func newLogoutCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "logout",
		Short: "Forget every token --remember kept",
		Long: `logout deletes every token onboard kept with --remember: from the OS
keyring, and from the file it uses where there is no keyring. LinkCy has no
call to revoke a partner token, so a copy made elsewhere works until it
expires; onboard kept only what it needed.`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			f, err := secretsFile()
			if err != nil {
				return err
			}
			stores := []keystore.Store{f}
			if ks, err := keystore.Keyring(e.keyring, keyringTimeout); err == nil {
				stores = append([]keystore.Store{ks}, stores...)
			}
			for _, s := range stores {
				if err := s.Clear(); err != nil {
					return fmt.Errorf("forgetting the tokens in %s: %w", s.Where(), err)
				}
				fmt.Fprintf(e.stdout, "✓ Nothing of onboard's is kept in %s any more.\n", s.Where())
			}
			return nil
		},
	}
}
