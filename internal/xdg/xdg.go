// Package xdg finds onboard's folders the XDG way: state (progress, the
// sandbox database), configuration, and data.
package xdg

import (
	"fmt"
	"os"
	"path/filepath"
)

func dir(env string, fallback ...string) (string, error) {
	if d := os.Getenv(env); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "onboard"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("finding the home folder for $%s: %w", env, err)
	}
	return filepath.Join(append(append([]string{home}, fallback...), "onboard")...), nil
}

// StateDir is $XDG_STATE_HOME/onboard (~/.local/state/onboard).
func StateDir() (string, error) { return dir("XDG_STATE_HOME", ".local", "state") }

// ConfigDir is $XDG_CONFIG_HOME/onboard (~/.config/onboard).
func ConfigDir() (string, error) { return dir("XDG_CONFIG_HOME", ".config") }

// DataDir is $XDG_DATA_HOME/onboard (~/.local/share/onboard).
func DataDir() (string, error) { return dir("XDG_DATA_HOME", ".local", "share") }
