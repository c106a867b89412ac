package sandboxrun

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// sandboxAddressesFile, in the state folder, lists the addresses the
// embedded sandbox served from, newest first. The links it issued (an
// email verification link waits in its outbox for days) carry the address
// of the run that issued them; with this list a later run listens there
// again, or, when that port is taken, rewrites them (rebased). No secret.
const sandboxAddressesFile = "sandbox-addresses.json"

// keptAddresses bounds the list: older links have long expired.
const keptAddresses = 8

// sandboxAddresses is that file's content.
type sandboxAddresses struct {
	Bases []string `json:"bases"` // scheme://host:port, newest first
}

// loadSandboxAddresses reads the list in dir; a missing or unreadable
// file is an empty list (links then keep the address they were issued
// with, as before there was a list).
func loadSandboxAddresses(dir string) sandboxAddresses {
	var a sandboxAddresses
	data, err := os.ReadFile(filepath.Join(dir, sandboxAddressesFile))
	if err != nil || json.Unmarshal(data, &a) != nil {
		return sandboxAddresses{}
	}
	a.Bases = slices.DeleteFunc(a.Bases, func(b string) bool { return !strings.HasPrefix(b, "http://") })
	return a
}

// listen listens on host at the newest port this host served from, when
// it is free, else on a port of the system's choosing.
func (a sandboxAddresses) listen(host string) (net.Listener, error) {
	for _, b := range a.Bases {
		u, err := url.Parse(b)
		if err != nil || u.Hostname() != host || u.Port() == "" {
			continue
		}
		if ln, err := net.Listen("tcp", net.JoinHostPort(host, u.Port())); err == nil {
			return ln, nil
		}
		break // taken: the links from there are rewritten instead
	}
	return net.Listen("tcp", net.JoinHostPort(host, "0"))
}

// earlier is every base in the list but base.
func (a sandboxAddresses) earlier(base string) []string {
	return slices.DeleteFunc(slices.Clone(a.Bases), func(b string) bool { return b == base })
}

// save writes the list in dir with base first (0600, through a file
// renamed over the old one).
func (a sandboxAddresses) save(dir, base string) error {
	if len(a.Bases) > 0 && a.Bases[0] == base {
		return nil
	}
	a.Bases = append([]string{base}, a.earlier(base)...)
	a.Bases = a.Bases[:min(len(a.Bases), keptAddresses)]
	data, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("remembering the sandbox's address: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".sandbox-addresses-*.tmp")
	if err != nil {
		return fmt.Errorf("remembering the sandbox's address: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	_, werr := tmp.Write(append(data, '\n'))
	if err := errors.Join(werr, tmp.Close()); err != nil {
		return fmt.Errorf("remembering the sandbox's address: %w", err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(dir, sandboxAddressesFile)); err != nil {
		return fmt.Errorf("remembering the sandbox's address: %w", err)
	}
	return nil
}
