//go:build windows
// +build windows

package tea

import "os"

// notifyResize is not available on windows because windows does not
// implement syscall.SIGWINCH.
func notifyResize() chan os.Signal { return nil }

// listenForResize is not available on windows because windows does not
// implement syscall.SIGWINCH.
func (p *Program) listenForResize(_ chan os.Signal, done chan struct{}) {
	close(done)
}
