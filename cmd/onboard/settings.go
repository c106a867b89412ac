package main

import (
	"fmt"

	"github.com/spf13/pflag"

	"github.com/onboard-cli/onboard/internal/config"
)

// settings and setting are internal/config's: a command's effective
// values and where each came from.
type (
	settings = config.Settings
	setting  = config.Setting
)

// settings resolves a command's settings (config.Resolve) and, when
// --insecure lets plain http through, says so before anything is sent.
func (e *env) settings(flags *pflag.FlagSet) (settings, error) {
	s, err := config.Resolve(flags, e.getenv)
	if err == nil {
		if w := config.InsecureWarning(s); w != "" {
			fmt.Fprintln(e.stderr, w)
		}
	}
	return s, err
}

// resolveSettings is config.Resolve.
func resolveSettings(flags *pflag.FlagSet, getenv func(string) string) (settings, error) {
	return config.Resolve(flags, getenv)
}

// checkTransport is config.CheckTransport.
func checkTransport(s settings) error { return config.CheckTransport(s) }

// insecureWarning is config.InsecureWarning.
func insecureWarning(s settings) string { return config.InsecureWarning(s) }
