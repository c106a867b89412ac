package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/onboard-cli/onboard/internal/i18n"
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
			rows := configRows(s)
			if jsonOut {
				return writeConfigJSON(e.stdout, s, rows)
			}
			printConfig(e.stdout, s, rows, e.printer(s.Lang.Value))
			return nil
		},
	}
	settingFlags(cmd.Flags(), flagProvider, flagAPIURL, flagPartner, flagPartnerUser, flagProfileID, flagKYCPage, flagTenantID, flagLang, flagTheme)
	cmd.Flags().BoolVar(&jsonOut, "json", false, "print the settings as JSON on stdout")
	return cmd
}

// configRow is one setting as `onboard config` shows it.
type configRow struct {
	Key    string `json:"key"`
	Value  string `json:"value"`
	Source string `json:"source"`
	Secret bool   `json:"secret,omitempty"` // Value is only "set" or "", never the secret
}

func configRows(s settings) []configRow {
	row := func(key string, v setting) configRow { return configRow{Key: key, Value: v.Value, Source: v.Source} }
	secret := func(key string, v setting) configRow {
		r := configRow{Key: key, Source: v.Source, Secret: true}
		if v.Value != "" {
			r.Value = "set"
		}
		return r
	}
	return []configRow{
		row("provider", s.Provider), row("api_url", s.APIURL), row("partner", s.Partner), row("partner_user", s.PartnerUser),
		row("profile_id", s.ProfileID), row("kyc_page", s.KYCPage), row("lang", s.Lang), row("theme", s.Theme),
		secret("api_key", s.APIKey), secret("partner_password", s.PartnerPassword),
	}
}

// shown is a row's value for a person in tr's language: secrets masked,
// empties explained.
func (r configRow) shown(tr i18n.Printer) string {
	switch {
	case r.Secret && r.Value != "":
		return tr.T("set (hidden)")
	case r.Secret:
		return tr.T("not set")
	case r.Value != "":
		return r.Value
	case r.Key == "api_url":
		return tr.T("none: the embedded sandbox")
	}
	return tr.T("none")
}

// printConfig writes the settings for a person in tr's language: where
// the files are, then a row a setting with where its value came from.
func printConfig(w io.Writer, s settings, rows []configRow, tr i18n.Printer) {
	fmt.Fprintf(w, "%-13s %s%s\n", tr.T("config file"), s.ConfigPath, configFileNote(s.ConfigPath, tr))
	if dir, err := xdg.StateDir(); err == nil {
		fmt.Fprintf(w, "%-13s %s\n", tr.T("state"), tr.F("%s (progress, sandbox.db)", dir))
	}
	fmt.Fprintln(w)
	for _, r := range rows {
		fmt.Fprintf(w, "%-17s %-34s %s\n", r.Key, r.shown(tr), tr.T(r.Source))
	}
}

// configFileNote says when the config file is missing, so an edit to the
// wrong file is noticed.
func configFileNote(path string, tr i18n.Printer) string {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return tr.T(" (none yet)")
	}
	return ""
}

func writeConfigJSON(w io.Writer, s settings, rows []configRow) error {
	out := struct {
		ConfigFile string      `json:"configFile"`
		Settings   []configRow `json:"settings"`
	}{s.ConfigPath, rows}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
