//go:build benchfps

package main

import (
	"strconv"

	"github.com/onboard-cli/onboard/tui"
)

// frameRate, in a benchfps build only, is ONBOARD_BENCH_FPS when set, so
// the benchmarks can measure what each frame rate costs the wizard
// (bench/README.md, FrameRate); tui.FPS otherwise.
func frameRate(getenv func(string) string) int {
	if n, err := strconv.Atoi(getenv("ONBOARD_BENCH_FPS")); err == nil && n > 0 && n <= 120 {
		return n
	}
	return tui.FPS
}
