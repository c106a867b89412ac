//go:build unix

package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// frameRates are the rates the sweep measures; tui.FPS is one of them.
var frameRates = []int{30, 45, 60}

// BenchmarkFrameRate: what each frame rate costs. Stock Bubble Tea
// v2.0.10 writes a frame only on its ticker, which never stops; onboard's
// copy (third_party/bubbletea) writes the first frame at once and none
// while idle, so the rate should now change neither. For each
// rate, onboard's first frame (the terms, on an 80×24 pty; the benchfps
// build takes ONBOARD_BENCH_FPS) alternating with the floor at the same
// rate, and onboard's CPU while it idles on the terms for
// ONBOARD_BENCH_IDLE (30 s by default).
func BenchmarkFrameRate(b *testing.B) {
	idle := idleFor(b)
	dir := b.TempDir()
	onboard := build(b, dir, "./cmd/onboard")
	floor := build(b, dir, "./bench/floor")
	samples := envInt(b, "ONBOARD_BENCH_SAMPLES", 10)
	for b.Loop() {
		for _, fps := range frameRates {
			rate := strconv.Itoa(fps)
			var tf, tw []time.Duration
			for i := range samples {
				t := run(b, floor, []string{"FLOOR_FPS=" + rate})
				d, _ := t.waitFor(b, floorReady, 10*time.Second)
				t.stop()
				tf = append(tf, d)
				home := filepath.Join(dir, "fps", fmt.Sprintf("%d-%d", fps, i))
				t = run(b, onboard, append(freshXDG(home), "ONBOARD_BENCH_FPS="+rate))
				d, _ = t.waitFor(b, wizardReady, 10*time.Second)
				t.stop()
				tw = append(tw, d)
			}
			b.ReportMetric(float64(median(tw))/float64(median(tf)), "x-floor@"+rate)
			b.ReportMetric(ms(median(tw)), "onboard-ms@"+rate)
			t := run(b, onboard, append(freshXDG(filepath.Join(dir, "fps", rate+"-idle")), "ONBOARD_BENCH_FPS="+rate))
			t.waitFor(b, wizardReady, 10*time.Second)
			time.Sleep(time.Second) // the terms fetched, the screen settled
			pid := t.cmd.Process.Pid
			before := cpuTicks(b, pid)
			time.Sleep(idle)
			b.ReportMetric(100*float64(cpuTicks(b, pid)-before)/clockTicks/idle.Seconds(), "idle-cpu-%@"+rate)
			t.stop()
		}
	}
	b.ReportMetric(0, "ns/op")
}

// idleFor is ONBOARD_BENCH_IDLE, how long a program is watched idle: 30 s
// by default.
func idleFor(b *testing.B) time.Duration {
	b.Helper()
	idle := 30 * time.Second
	if v := os.Getenv("ONBOARD_BENCH_IDLE"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			b.Fatalf("ONBOARD_BENCH_IDLE=%q: %v", v, err)
		}
		idle = d
	}
	return idle
}
