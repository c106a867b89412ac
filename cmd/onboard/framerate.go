//go:build !benchfps

package main

import "github.com/onboard-cli/onboard/tui"

// frameRate is the full-screen programs' frame rate: tui.FPS. Only a
// benchfps build (framerate_benchfps.go), which the benchmarks' frame-rate
// sweep runs, takes another.
func frameRate(func(string) string) int { return tui.FPS }
