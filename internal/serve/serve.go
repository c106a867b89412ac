// Package serve is what `onboard serve` decides before it serves SSH
// rooms: its flags' checks, where the SSH host key lives, and the banner
// that says where to connect (cmd/onboard/serve.go wires them; the
// sessions themselves are cmd/onboard/session.go's).
package serve

import (
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"time"

	"github.com/onboard-cli/onboard/internal/exit"
	"github.com/onboard-cli/onboard/internal/xdg"
)

// CheckFlags refuses, as usage errors, a room for no session and an idle
// timeout under a second.
func CheckFlags(maxSessions int, idle time.Duration) error {
	if maxSessions < 1 {
		return exit.With(exit.Usage, fmt.Errorf("--max-sessions %d: give at least 1", maxSessions))
	}
	if idle < time.Second {
		return exit.With(exit.Usage, fmt.Errorf("--idle-timeout %s: give at least a second, e.g. 10m", idle))
	}
	return nil
}

// HostKeyPath is where the SSH host key lives, its folder made (0700);
// wish makes the key on first use.
func HostKeyPath() (string, error) {
	dir, err := xdg.DataDir()
	if err != nil {
		return "", fmt.Errorf("the SSH host key's folder: %w", err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("creating %s for the SSH host key: %w", dir, err)
	}
	return filepath.Join(dir, "ssh_host_ed25519"), nil
}

// Banner is what `onboard serve` prints once it listens.
type Banner struct {
	Addr        net.Addr
	KeyPath     string
	Fingerprint string // the host key's SHA256 fingerprint, "" when unknown
	Sandbox     string // the sandbox the sessions use, and what it is
	MaxSessions int
	Idle        time.Duration
}

// Print says on w where to connect, and what the sessions get.
func (b Banner) Print(w io.Writer) {
	host, port, _ := net.SplitHostPort(b.Addr.String())
	fmt.Fprintf(w, `onboard serve on ssh://%[1]s
  connect with   ssh -p %[3]s %[2]s
  host key       %[4]s (%[5]s)
  sandbox        %[6]s
  sessions       at most %[7]d, closed after %[8]s without a key press
Stop with Ctrl+C.
`, b.Addr, host, port, b.KeyPath, b.Fingerprint, b.Sandbox, b.MaxSessions, b.Idle)
}
