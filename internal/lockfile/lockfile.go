// Package lockfile keeps one onboard at a time on a state folder: a lock
// file there, locked by the operating system (flock on unix, LockFileEx on
// Windows) and holding the holder's pid. The kernel drops the lock when
// the holder ends, however it ends (kill -9 included), so a lock is never
// left stale.
package lockfile

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Name is the lock file's name in a state folder.
const Name = "onboard.lock"

// pidTries is how many times a refused Acquire reads the holder's pid: the
// holder writes it just after it takes the lock.
const pidTries = 20

// Lock is a held lock; Release gives it back.
type Lock struct{ f *os.File }

// HeldError says that another process holds the lock.
type HeldError struct {
	// Path is the lock file.
	Path string
	// PID is the holder's process id; 0 when it could not be read.
	PID int
}

// Error says who holds the lock, for the person who could not take it.
func (e *HeldError) Error() string {
	who := "another process"
	if e.PID > 0 {
		who = "process " + strconv.Itoa(e.PID)
	}
	return fmt.Sprintf("%s holds the lock %s", who, e.Path)
}

// Acquire takes the lock at path, creating the file (0600, in a 0700
// folder) when it is missing, and writes this process's pid in it. When
// another process holds it, the error is a *HeldError naming that process.
func Acquire(path string) (*Lock, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("creating the folder of the lock %s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("opening the lock %s: %w", path, err)
	}
	held, err := tryLock(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("locking %s: %w", path, err)
	}
	if held {
		pid := holder(f)
		f.Close()
		return nil, &HeldError{Path: path, PID: pid}
	}
	if err := writePID(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("writing the pid in the lock %s: %w", path, err)
	}
	return &Lock{f: f}, nil
}

// Release gives the lock back. The file stays: removing it would let a
// process that opened it just before lock a file nobody else can find.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := l.f.Close() // closing the last descriptor drops the lock
	l.f = nil
	return err
}

func writePID(f *os.File) error {
	if err := f.Truncate(0); err != nil {
		return err
	}
	_, err := f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return err
}

// holder reads the pid the holder wrote; it waits a little for one that
// has just taken the lock and not yet written it. 0 when none is there.
func holder(f *os.File) int {
	buf := make([]byte, 32)
	for range pidTries {
		n, _ := f.ReadAt(buf, 0) // io.EOF with the short read
		if pid, err := strconv.Atoi(strings.TrimSpace(string(buf[:n]))); err == nil && pid > 0 {
			return pid
		}
		time.Sleep(5 * time.Millisecond)
	}
	return 0
}
