//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd || solaris || aix || zos
// +build darwin dragonfly freebsd linux netbsd openbsd solaris aix zos

package tea

import (
	"os"
	"os/signal"
	"syscall"
)

// notifyResize starts catching the terminal's resizes (onboard's patch:
// before the first frame, in the caller's goroutine, so that none made once
// the frame is seen is lost).
func notifyResize() chan os.Signal {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGWINCH)
	return sig
}

// listenForResize sends messages (or errors) when the terminal resizes,
// as sig (notifyResize) says.
func (p *Program) listenForResize(sig chan os.Signal, done chan struct{}) {
	defer func() {
		signal.Stop(sig)
		close(done)
	}()

	for {
		select {
		case <-p.ctx.Done():
			return
		case <-sig:
		}

		p.checkResize()
	}
}
