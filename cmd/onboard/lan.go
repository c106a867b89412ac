package main

import (
	"net"

	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/internal/i18n"
)

// lanAddress is the address a phone on the same network can reach:
// ONBOARD_LAN_IP when set (for a machine with several networks), else the
// first private address found.
func lanAddress(getenv func(string) string) (net.IP, error) {
	if v := getenv("ONBOARD_LAN_IP"); v != "" {
		ip := net.ParseIP(v)
		if ip == nil || ip.IsLoopback() || ip.IsUnspecified() {
			return nil, withCode(exitUsage, i18n.Errorf("ONBOARD_LAN_IP=%q is not an address a phone can reach; give this machine's LAN address, e.g. 192.168.1.20", v))
		}
		return ip, nil
	}
	ip, err := sandbox.LANAddress()
	if err != nil {
		return nil, i18n.Errorf("--lan: %v; set ONBOARD_LAN_IP to this machine's address on the phone's network", err)
	}
	return ip, nil
}

// lanHost is the host --lan asks for, or "" (loopback) without it.
func lanHost(getenv func(string) string, lan bool) (string, error) {
	if !lan {
		return "", nil
	}
	ip, err := lanAddress(getenv)
	if err != nil {
		return "", err
	}
	return ip.String(), nil
}
