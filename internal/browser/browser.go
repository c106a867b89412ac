// Package browser opens a link in this machine's browser, where there is
// one to open.
package browser

import (
	"os/exec"
	"runtime"

	"github.com/onboard-cli/onboard/internal/i18n"
)

// Opener opens a link in a local browser, or is nil where there is
// none to open (an SSH session, no display).
func Opener(getenv func(string) string) func(string) error {
	if getenv("SSH_CONNECTION") != "" || getenv("SSH_TTY") != "" {
		return nil
	}
	var name string
	var args []string
	switch runtime.GOOS {
	case "darwin":
		name = "open"
	case "windows":
		name, args = "rundll32", []string{"url.dll,FileProtocolHandler"}
	default:
		if getenv("DISPLAY") == "" && getenv("WAYLAND_DISPLAY") == "" {
			return nil
		}
		name = "xdg-open"
	}
	path, err := exec.LookPath(name)
	if err != nil {
		return nil
	}
	return func(url string) error {
		cmd := exec.Command(path, append(args, url)...)
		cmd.Stdout, cmd.Stderr = nil, nil
		if err := cmd.Start(); err != nil {
			return i18n.Errorf("opening the browser: %v", err)
		}
		go func() { _ = cmd.Wait() }()
		return nil
	}
}
