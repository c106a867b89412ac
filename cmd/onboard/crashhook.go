//go:build !crashtest

package main

import tea "charm.land/bubbletea/v2"

// crashHook is the identity: only a crashtest build (crashhook_test.go's
// tmux run) can force a panic.
func crashHook(m tea.Model, _ func(string) string) tea.Model { return m }
