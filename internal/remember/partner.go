package remember

import (
	"encoding/json"
	"path/filepath"
	"time"

	"github.com/onboard-cli/onboard/api/linkcy"
	"github.com/onboard-cli/onboard/internal/i18n"
	"github.com/onboard-cli/onboard/internal/keystore"
	"github.com/onboard-cli/onboard/internal/xdg"
)

// SecretsFile is the file store beside the progress files.
func SecretsFile() (keystore.File, error) {
	dir, err := xdg.StateDir()
	if err != nil {
		return keystore.File{}, err
	}
	return keystore.File{Path: filepath.Join(dir, "secrets.json")}, nil
}

// keptTokens is how a partner's tokens are kept.
type keptTokens struct {
	Token        string    `json:"token"`
	RefreshToken string    `json:"refreshToken,omitempty"`
	ExpiresAt    time.Time `json:"expiresAt"`
}

// LoadPartnerTokens returns the kept tokens under key when they are good
// for at least a minute more.
func LoadPartnerTokens(store keystore.Store, key string, now time.Time) (linkcy.Tokens, bool) {
	v, err := store.Get(key)
	if err != nil {
		return linkcy.Tokens{}, false
	}
	var k keptTokens
	if json.Unmarshal([]byte(v), &k) != nil || k.Token == "" {
		return linkcy.Tokens{}, false
	}
	t := linkcy.Tokens{Token: k.Token, RefreshToken: k.RefreshToken, ExpiresAt: k.ExpiresAt}
	if t.ExpiresAt.IsZero() || t.ExpiresWithin(time.Minute, now) {
		return linkcy.Tokens{}, false
	}
	return t, true
}

// SavePartnerTokens keeps t under key.
func SavePartnerTokens(store keystore.Store, key string, t linkcy.Tokens) error {
	if t.Token == "" {
		return i18n.Errorf("no token to keep")
	}
	data, err := json.Marshal(keptTokens{Token: t.Token, RefreshToken: t.RefreshToken, ExpiresAt: t.ExpiresAt})
	if err != nil {
		return err
	}
	if err := store.Set(key, string(data)); err != nil {
		return i18n.Errorf("keeping the partner token in %s: %v", store.Where(), err)
	}
	return nil
}
