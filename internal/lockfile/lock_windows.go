//go:build windows

package lockfile

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// lockOffset is the byte range locked: far past the pid, so that a refused
// process can still read it (Windows locks bar reading the bytes locked).
const lockOffset = 1 << 20

// tryLock takes an exclusive lock on one byte of f without waiting; held
// reports that another handle has it.
func tryLock(f *os.File) (held bool, err error) {
	ol := &windows.Overlapped{Offset: lockOffset}
	err = windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
		return true, nil
	}
	return false, err
}

// supported says whether this system locks at all.
const supported = true
