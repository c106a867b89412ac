package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/onboard-cli/onboard/internal/i18n"
	"github.com/onboard-cli/onboard/internal/lockfile"
	"github.com/onboard-cli/onboard/internal/xdg"
)

// lockState takes the state folder's lock for a wizard run: two wizards
// on one folder would overwrite each other's progress (the last writer
// wins, and a code one of them sent is then "not sent yet"). A second
// wizard is refused, naming the first one's pid, before any screen.
// release gives the lock back; the kernel does too when the process dies.
// A folder where no lock can be made (read-only) only gets a warning on
// w: nothing can be saved there either, so there is nothing to overwrite.
func lockState(w io.Writer) (release func(), err error) {
	dir, err := xdg.StateDir()
	if err != nil {
		return nil, err
	}
	l, err := lockfile.Acquire(filepath.Join(dir, lockfile.Name))
	var held *lockfile.HeldError
	if errors.As(err, &held) {
		who := "another onboard"
		if held.PID > 0 {
			who = fmt.Sprintf("another onboard (pid %d)", held.PID)
		}
		return nil, withCode(exitError, i18n.Errorf("%s is onboarding with this state folder (%s); finish or quit it first, or set XDG_STATE_HOME to another folder to run a second one", who, dir))
	}
	if err != nil {
		fmt.Fprintf(w, "! No lock on the state folder (%v): another onboard there could overwrite this one's progress.\n", err)
		return func() {}, nil
	}
	return func() { _ = l.Release() }, nil
}
