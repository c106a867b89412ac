package config

import "testing"

// TestLangFromLocale: LC_ALL, LC_MESSAGES then LANG choose French or
// English, and say which variable did.
func TestLangFromLocale(t *testing.T) {
	for _, tt := range []struct {
		env  map[string]string
		want Setting
	}{
		{map[string]string{"LANG": "fr_FR.UTF-8"}, Setting{"fr", "env LANG"}},
		{map[string]string{"LANG": "fr_FR.UTF-8", "LC_ALL": "en_GB.UTF-8"}, Setting{"en", "env LC_ALL"}},
		{map[string]string{"LC_MESSAGES": "fr_CA"}, Setting{"fr", "env LC_MESSAGES"}},
		{map[string]string{"LANG": "de_DE"}, Setting{"en", "env LANG"}},
		{nil, Setting{"en", "default"}},
	} {
		if got := LangFromLocale(func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("LangFromLocale(%v) = %+v, want %+v", tt.env, got, tt.want)
		}
	}
}
