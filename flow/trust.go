package flow

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// ErrBadLink is a link from the provider that a person cannot open: the
// wizard never shows it, draws it as a QR code or polls its check.
var ErrBadLink = errors.New("the provider sent a link that cannot be opened")

// maxLinkLen bounds a link the wizard shows and encodes as a QR code.
const maxLinkLen = 2048

// CheckLink reports why raw is not a link a person can open on a phone:
// it must be an absolute https URL with a host, at most 2,048 characters,
// with no spaces or control characters. Plain http is taken only for a
// host on this machine or a private network (an embedded or team
// sandbox, --lan), never for a provider on the internet.
func CheckLink(raw string) error { return CheckLinkFrom(raw, "") }

// CheckLinkFrom is CheckLink, with plain http also taken from sandbox, the
// host of the sandbox a run talks to ("" for none): --lan may pick an
// address that is not private.
func CheckLinkFrom(raw, sandbox string) error {
	if raw == "" || len(raw) > maxLinkLen || strings.IndexFunc(raw, func(r rune) bool { return r <= ' ' || r == 0x7f }) >= 0 {
		return fmt.Errorf("%w (it is not a web address)", ErrBadLink)
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.User != nil {
		return fmt.Errorf("%w (it is not a web address)", ErrBadLink)
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		if localHost(u.Hostname()) || sandbox != "" && u.Hostname() == sandbox {
			return nil
		}
		return fmt.Errorf("%w (it is not https)", ErrBadLink)
	}
	return fmt.Errorf("%w (it is not a web address)", ErrBadLink)
}

// localHost is a host on this machine or a private network.
func localHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && (ip.IsLoopback() || ip.IsPrivate())
}
