//go:build starttest

package main

import (
	"io"
	"os"
)

// startHook, in a starttest build only, holds the embedded sandbox's
// start until the named pipe ONBOARD_STARTTEST names is written and
// closed, so the tmux test can see what the wizard paints while the
// database is not yet open.
func startHook(getenv func(string) string) func() {
	path := getenv("ONBOARD_STARTTEST")
	if path == "" {
		return nil
	}
	return func() {
		f, err := os.Open(path) // blocks until the test opens it to write
		if err != nil {
			return
		}
		defer f.Close()
		_, _ = io.Copy(io.Discard, f)
	}
}
