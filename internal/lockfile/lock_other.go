//go:build !unix && !windows

package lockfile

import "os"

// tryLock cannot lock on this system (no flock, no LockFileEx): every
// process gets the lock, as before there was one.
func tryLock(*os.File) (held bool, err error) { return false, nil }

// supported says whether this system locks at all.
const supported = false
