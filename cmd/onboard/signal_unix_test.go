//go:build unix

package main

import "syscall"

// mkfifo makes a named pipe at path (tmux_start_test.go).
func mkfifo(path string) error { return syscall.Mkfifo(path, 0o600) }

// killPID sends sig to the process pid, which is not a child of this test
// (tmux's): os.Process.Signal reaches only what it started.
func killPID(pid int, sig syscall.Signal) error { return syscall.Kill(pid, sig) }
