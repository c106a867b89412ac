//go:build !unix

package main

import (
	"errors"
	"syscall"
)

// mkfifo has no named pipes to make here: the tests that need one (in
// tmux) fail with it, as tmux is not here either.
func mkfifo(string) error { return errors.ErrUnsupported }

// killPID cannot signal another process here.
func killPID(int, syscall.Signal) error { return errors.ErrUnsupported }
