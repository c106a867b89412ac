package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/onboard-cli/onboard/internal/i18n"
)

// Row is one setting as `onboard config` shows it.
type Row struct {
	Key    string `json:"key"`
	Value  string `json:"value"`
	Source string `json:"source"`
	Secret bool   `json:"secret,omitempty"` // Value is only "set" or "", never the secret
}

// Rows are the settings s as onboard config shows them, secrets only
// said to be set or not.
func Rows(s Settings) []Row {
	row := func(key string, v Setting) Row { return Row{Key: key, Value: v.Value, Source: v.Source} }
	secret := func(key string, v Setting) Row {
		r := Row{Key: key, Source: v.Source, Secret: true}
		if v.Value != "" {
			r.Value = "set"
		}
		return r
	}
	return []Row{
		row("provider", s.Provider), row("api_url", s.APIURL), row("partner", s.Partner), row("partner_user", s.PartnerUser),
		row("profile_id", s.ProfileID), row("kyc_page", s.KYCPage), row("lang", s.Lang), row("theme", s.Theme),
		secret("api_key", s.APIKey), secret("partner_password", s.PartnerPassword),
	}
}

// shown is a row's value for a person in tr's language: secrets masked,
// empties explained.
func (r Row) shown(tr i18n.Printer) string {
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

// Print writes the settings for a person in tr's language: where the
// files are (stateDir "" for unknown), then a row a setting with where its
// value came from.
func Print(w io.Writer, s Settings, rows []Row, stateDir string, tr i18n.Printer) {
	fmt.Fprintf(w, "%-13s %s%s\n", tr.T("config file"), s.ConfigPath, configFileNote(s.ConfigPath, tr))
	if stateDir != "" {
		fmt.Fprintf(w, "%-13s %s\n", tr.T("state"), tr.F("%s (progress, sandbox.db)", stateDir))
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

// WriteJSON writes the settings as onboard config --json does.
func WriteJSON(w io.Writer, s Settings, rows []Row) error {
	out := struct {
		ConfigFile string `json:"configFile"`
		Settings   []Row  `json:"settings"`
	}{s.ConfigPath, rows}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
