package sandbox

import (
	"errors"
	"net"
	"strings"
)

// LANAddress returns this machine's private (RFC 1918) IPv4 address, the
// one a phone on the same Wi-Fi can reach. It skips loopback, link-local,
// CGNAT (100.64/10, used by Tailscale) and interfaces that look like VPNs,
// containers or bridges.
func LANAddress() (net.IP, error) {
	ifaces, err := net.Interfaces()
	if err != nil {
		return nil, errors.New("sandbox: cannot list network interfaces")
	}
	for _, ifc := range ifaces {
		if ifc.Flags&net.FlagUp == 0 || ifc.Flags&net.FlagLoopback != 0 || ifc.Flags&net.FlagPointToPoint != 0 || virtualInterface(ifc.Name) {
			continue
		}
		addrs, err := ifc.Addrs()
		if err != nil {
			continue
		}
		for _, a := range addrs {
			ipn, ok := a.(*net.IPNet)
			if !ok {
				continue
			}
			if ip := ipn.IP.To4(); ip != nil && ip.IsPrivate() {
				return ip, nil
			}
		}
	}
	return nil, errors.New("sandbox: no private LAN address found (is this machine on a Wi-Fi or wired network?)")
}

func virtualInterface(name string) bool {
	for _, p := range []string{"tun", "tap", "wg", "utun", "tailscale", "zt", "docker", "br-", "veth", "virbr", "vmnet", "vboxnet", "cni", "flannel", "ppp", "ipsec"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}
