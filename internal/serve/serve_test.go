package serve

import (
	"bytes"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/internal/exit"
)

func TestCheckFlags(t *testing.T) {
	for _, c := range []struct {
		max  int
		idle time.Duration
		want string
	}{
		{0, time.Minute, "--max-sessions 0: give at least 1"},
		{2, 500 * time.Millisecond, "--idle-timeout 500ms: give at least a second"},
	} {
		err := CheckFlags(c.max, c.idle)
		var ce *exit.Error
		if err == nil || !strings.Contains(err.Error(), c.want) || !errors.As(err, &ce) || ce.Code != exit.Usage {
			t.Errorf("%d, %s: got %v, want a usage error %q", c.max, c.idle, err, c.want)
		}
	}
	if err := CheckFlags(1, time.Second); err != nil {
		t.Errorf("the least allowed: %v", err)
	}
}

func TestHostKeyPathMakesItsFolder(t *testing.T) {
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	p, err := HostKeyPath()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(p, data) || filepath.Base(p) != "ssh_host_ed25519" {
		t.Errorf("key path %q", p)
	}
	fi, err := os.Stat(filepath.Dir(p))
	if err != nil || !fi.IsDir() || fi.Mode().Perm() != 0o700 {
		t.Errorf("the key's folder: %v, %v", fi, err)
	}
}

func TestBanner(t *testing.T) {
	var out bytes.Buffer
	Banner{Addr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 2222}, KeyPath: "/k", Fingerprint: "SHA256:x",
		Sandbox: "http://127.0.0.1:7878 (shared)", MaxSessions: 3, Idle: 10 * time.Minute}.Print(&out)
	for _, want := range []string{"onboard serve on ssh://127.0.0.1:2222", "connect with   ssh -p 2222 127.0.0.1",
		"host key       /k (SHA256:x)", "at most 3, closed after 10m0s without a key press"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("banner lacks %q:\n%s", want, out.String())
		}
	}
}
