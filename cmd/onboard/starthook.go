//go:build !starttest

package main

// startHook holds nothing back: only a starttest build
// (starthook_starttest.go) can hold the embedded sandbox's start.
func startHook(func(string) string) func() { return nil }
