// Package config is onboard's settings: each value from a flag, then an
// ONBOARD_* environment variable, then the config file
// ($XDG_CONFIG_HOME/onboard/config.toml), then its default, with where it
// came from; the settings' flags; and how onboard config shows them.
package config

import (
	"errors"
	"io/fs"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/spf13/pflag"

	"github.com/onboard-cli/onboard/api/providers"
	"github.com/onboard-cli/onboard/internal/exit"
	"github.com/onboard-cli/onboard/internal/i18n"
	"github.com/onboard-cli/onboard/internal/xdg"
)

// fileConfig is $XDG_CONFIG_HOME/onboard/config.toml.
type fileConfig struct {
	Provider string `toml:"provider"`
	APIURL   string `toml:"api_url"`
	Partner  string `toml:"partner"`
	Lang     string `toml:"lang"`
	Theme    string `toml:"theme"`
	// Weavr: the consumer profile and the partner's KYC page template.
	ProfileID string `toml:"profile_id"`
	KYCPage   string `toml:"kyc_page"`
	// FinHub: the tenant.
	TenantID string `toml:"tenant_id"`
	// PartnerUser is the partner's login (onboard status, onboard agent);
	// its password comes from env ONBOARD_PARTNER_PASSWORD or a prompt.
	PartnerUser string `toml:"partner_user"`
}

// setting is one effective value and where it came from.
type Setting struct {
	Value  string
	Source string // "flag --x", "env ONBOARD_X", "config file", "default"
}

// settings are the values that may come from a flag, the environment or
// the config file, in that order of precedence.
type Settings struct {
	Provider, APIURL, Partner, Lang, Theme Setting
	// Insecure allows plain http to a provider that is not on this
	// machine (--insecure, for testing).
	Insecure                        bool
	ProfileID, KYCPage, PartnerUser Setting
	// TenantID is FinHub's tenant (--tenant-id).
	TenantID Setting
	// APISecret is FinHub's tenant secret, from env ONBOARD_API_SECRET
	// only (with the tenant key in ONBOARD_API_KEY).
	APISecret Setting
	// APIKey comes from env ONBOARD_API_KEY only: never a flag (argv is
	// public) nor the config file.
	APIKey Setting
	// PartnerPassword, the partner login's, comes from env
	// ONBOARD_PARTNER_PASSWORD only, for the same reason.
	PartnerPassword Setting
	ConfigPath      string
}

// Path is the config file: env ONBOARD_CONFIG, else config.toml in
// onboard's XDG config folder.
func Path(getenv func(string) string) (string, error) {
	if p := getenv("ONBOARD_CONFIG"); p != "" {
		return p, nil
	}
	d, err := xdg.ConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "config.toml"), nil
}

// loadFile reads the config file; a missing file is an empty config.
func loadFile(path string) (fileConfig, error) {
	var fc fileConfig
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return fc, nil
	}
	if err != nil {
		return fc, i18n.Errorf("reading %s: %v", path, err)
	}
	dec := toml.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&fc); err != nil {
		return fc, i18n.Errorf("%s is not valid: %v (keys: provider, api_url, partner, lang, theme, profile_id, kyc_page, tenant_id, partner_user)", path, err)
	}
	return fc, nil
}

// Resolve applies flags > env > config file > default.
func Resolve(flags *pflag.FlagSet, getenv func(string) string) (Settings, error) {
	path, err := Path(getenv)
	if err != nil {
		return Settings{}, err
	}
	fc, err := loadFile(path)
	if err != nil {
		return Settings{}, exit.With(exit.Usage, err)
	}
	pick := func(flag, env, file, def string) Setting {
		if f := flags.Lookup(flag); f != nil && f.Changed {
			return Setting{f.Value.String(), "flag --" + flag}
		}
		if v := getenv(env); v != "" {
			return Setting{v, "env " + env}
		}
		if file != "" {
			return Setting{file, "config file"}
		}
		return Setting{def, "default"}
	}
	s := Settings{
		Provider:        pick("provider", "ONBOARD_PROVIDER", fc.Provider, providers.Default().Name),
		APIURL:          pick("api-url", "ONBOARD_API_URL", fc.APIURL, ""),
		Partner:         pick("partner", "ONBOARD_PARTNER", fc.Partner, ""),
		Lang:            pick("lang", "ONBOARD_LANG", fc.Lang, ""),
		Theme:           pick("theme", "ONBOARD_THEME", fc.Theme, "auto"),
		ProfileID:       pick("profile-id", "ONBOARD_PROFILE_ID", fc.ProfileID, ""),
		KYCPage:         pick("kyc-page", "ONBOARD_KYC_PAGE", fc.KYCPage, ""),
		PartnerUser:     pick("partner-user", "ONBOARD_PARTNER_USER", fc.PartnerUser, ""),
		TenantID:        pick("tenant-id", "ONBOARD_TENANT_ID", fc.TenantID, ""),
		APISecret:       Setting{getenv("ONBOARD_API_SECRET"), "env ONBOARD_API_SECRET"},
		APIKey:          Setting{getenv("ONBOARD_API_KEY"), "env ONBOARD_API_KEY"},
		PartnerPassword: Setting{getenv("ONBOARD_PARTNER_PASSWORD"), "env ONBOARD_PARTNER_PASSWORD"},
		ConfigPath:      path,
	}
	if flags.Lookup(FlagInsecure) != nil {
		s.Insecure, _ = flags.GetBool(FlagInsecure)
	}
	if err := CheckTransport(s); err != nil {
		return s, err
	}
	if s.Lang.Source == "default" {
		s.Lang = LangFromLocale(getenv)
	}
	if _, ok := providers.Lookup(s.Provider.Value); !ok {
		return s, exit.With(exit.Usage, i18n.Errorf("unknown provider %q (%s); choose %s", s.Provider.Value, s.Provider.Source, providers.Names()))
	}
	if s.Lang.Value != "en" && s.Lang.Value != "fr" {
		return s, exit.With(exit.Usage, i18n.Errorf("language %q (%s) is not available; choose en or fr", s.Lang.Value, s.Lang.Source))
	}
	if p := s.KYCPage.Value; p != "" && !strings.Contains(p, "{reference}") {
		return s, exit.With(exit.Usage, i18n.Errorf("the KYC page %q (%s) has no {reference}; e.g. https://partner.example/kyc?reference={reference}", p, s.KYCPage.Source))
	}
	if t := s.Theme.Value; t != "auto" && t != "light" && t != "dark" {
		return s, exit.With(exit.Usage, i18n.Errorf("theme %q (%s) is not one of auto, light, dark", t, s.Theme.Source))
	}
	return s, nil
}

// LangFromLocale reads LC_ALL, LC_MESSAGES or LANG: "fr" for a French
// locale, "en" otherwise, with the variable it came from.
func LangFromLocale(getenv func(string) string) Setting {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(k); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "fr") {
				return Setting{"fr", "env " + k}
			}
			return Setting{"en", "env " + k}
		}
	}
	return Setting{"en", "default"}
}

// The settings' flags, by name; resolveSettings reads them by name.
const (
	FlagProvider    = "provider"
	FlagAPIURL      = "api-url"
	FlagPartner     = "partner"
	FlagPartnerUser = "partner-user"
	FlagProfileID   = "profile-id"
	FlagKYCPage     = "kyc-page"
	FlagTenantID    = "tenant-id"
	FlagLang        = "lang"
	FlagTheme       = "theme"
	FlagInsecure    = "insecure"
)

// Flags defines the named settings' flags on fl, with one help
// text each wherever they appear. The values are read back by name.
func Flags(fl *pflag.FlagSet, names ...string) {
	for _, n := range names {
		switch n {
		case FlagProvider:
			fl.String(n, providers.Default().Name, "provider: "+providers.Names()+" (env ONBOARD_PROVIDER)")
		case FlagAPIURL:
			fl.String(n, "", "a real provider's API or a running sandbox; none means the embedded sandbox (env ONBOARD_API_URL)")
		case FlagPartner:
			fl.String(n, "", "your partner name at LinkCy (partnerName; env ONBOARD_PARTNER)")
		case FlagPartnerUser:
			fl.String(n, "", "partner login at LinkCy (env ONBOARD_PARTNER_USER); its password: env ONBOARD_PARTNER_PASSWORD or a prompt")
		case FlagProfileID:
			fl.String(n, "", "Weavr consumer profile id (env ONBOARD_PROFILE_ID); the API key comes from env ONBOARD_API_KEY only")
		case FlagKYCPage:
			fl.String(n, "", "Weavr: your page that embeds Weavr's KYC component, with {reference} in it (env ONBOARD_KYC_PAGE)")
		case FlagTenantID:
			fl.String(n, "", "FinHub tenant id (env ONBOARD_TENANT_ID); the tenant key and secret come from env ONBOARD_API_KEY and ONBOARD_API_SECRET only")
		case FlagLang:
			fl.String(n, "", "language of the terms and of the wizard: en or fr (env ONBOARD_LANG, LANG)")
		case FlagTheme:
			fl.String(n, "", "colours: auto, light or dark (env ONBOARD_THEME)")
		case FlagInsecure:
			fl.Bool(n, false, "allow plain http to a provider not on this machine: for testing only, it exposes passwords and tokens")
		default:
			panic("settingFlags: no setting " + n)
		}
	}
}

// CheckTransport refuses plain http to a provider that is not on this
// machine: the password, the SMS secret and the tokens would cross the
// network in clear. --insecure allows it, for testing, and says so.
func CheckTransport(s Settings) error {
	raw := s.APIURL.Value
	if raw == "" {
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return exit.With(exit.Usage, i18n.Errorf("the API URL %q (%s) is not an http(s) address; e.g. https://api.sandbox.linkcy.cloud/", raw, s.APIURL.Source))
	}
	if u.Scheme == "https" || IsLoopback(raw) || s.Insecure {
		return nil
	}
	return exit.With(exit.Usage, i18n.Errorf("the API URL %s (%s) is plain http to another machine, which would send your password in clear: use https (or --insecure, for a test network only)", raw, s.APIURL.Source))
}

// InsecureWarning is what --insecure says before anything is sent, or "".
func InsecureWarning(s Settings) string {
	if !s.Insecure || s.APIURL.Value == "" || strings.HasPrefix(s.APIURL.Value, "https:") || IsLoopback(s.APIURL.Value) {
		return ""
	}
	return "! INSECURE: talking to " + s.APIURL.Value + " without TLS. Anyone on the network path can read the password, the codes and the tokens. Use this for a test network only."
}

// IsLoopback tells whether the URL raw is on this machine (localhost or
// a loopback address).
func IsLoopback(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	host := u.Hostname()
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// FileLang is the lang the config file sets, "" when it sets none or
// cannot be read (Resolve says why).
func FileLang(getenv func(string) string) string {
	path, err := Path(getenv)
	if err != nil {
		return ""
	}
	fc, err := loadFile(path)
	if err != nil {
		return ""
	}
	return fc.Lang
}

// RegionFromLocale is the country the phone screen starts on: the
// locale's (fr_FR.UTF-8 → FR), else France, LinkCy's home.
func RegionFromLocale(getenv func(string) string) string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(k)
		if v == "" {
			continue
		}
		v, _, _ = strings.Cut(v, ".")
		if _, region, ok := strings.Cut(v, "_"); ok && len(region) == 2 {
			return strings.ToUpper(region)
		}
		break
	}
	return "FR"
}
