package main

import (
	"github.com/spf13/cobra"

	"github.com/onboard-cli/onboard/internal/config"
	"github.com/onboard-cli/onboard/internal/xdg"
)

func newConfigCmd(e *env) *cobra.Command {
	var jsonOut bool
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Show the effective settings and where each comes from",
		Long: `config shows each setting onboard would use — from a flag, then an
ONBOARD_* environment variable, then the config file, then the default — and
where it came from. Secrets (ONBOARD_API_KEY, ONBOARD_PARTNER_PASSWORD) are
only said to be set or not, never shown.

The config file is $XDG_CONFIG_HOME/onboard/config.toml (ONBOARD_CONFIG
names another); its keys are provider, api_url, partner, partner_user, lang,
theme, profile_id and kyc_page.`,
		Example: `  onboard config
  onboard config --provider weavr --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := e.settings(cmd.Flags())
			if err != nil {
				return err
			}
			rows := config.Rows(s)
			if jsonOut {
				return config.WriteJSON(e.stdout, s, rows)
			}
			stateDir, _ := xdg.StateDir() // none shown when unknown
			config.Print(e.stdout, s, rows, stateDir, e.printer(s.Lang.Value))
			return nil
		},
	}
	config.Flags(cmd.Flags(), config.FlagProvider, config.FlagAPIURL, config.FlagPartner, config.FlagPartnerUser, config.FlagProfileID, config.FlagKYCPage, config.FlagTenantID, config.FlagLang, config.FlagTheme)
	cmd.Flags().BoolVar(&jsonOut, "json", false, "print the settings as JSON on stdout")
	return cmd
}
