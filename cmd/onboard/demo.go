package main

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"time"

	"github.com/onboard-cli/onboard/api/sandbox"
)

// demoApproveAfter is how long a demo's identity check takes: long
// enough to see the QR code and the status change, short enough to keep
// an audience.
const demoApproveAfter = 6 * time.Second

// demoNotice opens a demo.
const demoNotice = "A demo: a sample person is filled in, and the identity check approves itself a few seconds after its QR code shows."

// samplePerson fills the person's details a demo starts with, where the
// flags left them empty. The phone number is random, so that sessions
// sharing one sandbox (onboard serve --demo) do not collide.
func samplePerson(f *wizardFlags, r *rand.Rand) {
	if f.phone == "" {
		// 06 1x: every number in it is a valid French mobile (06 39 and
		// 06 90–97 are not).
		f.phone = fmt.Sprintf("+33 6 1%d %02d %02d %02d", r.IntN(10), r.IntN(100), r.IntN(100), r.IntN(100))
	}
	if f.firstName == "" {
		f.firstName = "Ada"
	}
	if f.lastName == "" {
		f.lastName = "Lovelace"
	}
	if f.email == "" {
		f.email = fmt.Sprintf("ada.%04d@example.com", r.IntN(10000))
	}
}

// embeddedFor is how --demo and --lan run the embedded sandbox; both
// apply to it alone.
func embeddedFor(e *env, s settings, f *wizardFlags) (embedded, error) {
	var emb embedded
	if (f.demo || f.lan) && s.APIURL.Value != "" {
		return emb, withCode(exitUsage, errors.New("--demo and --lan run the embedded sandbox, so they cannot go with --api-url (for a sandbox of your own: onboard sandbox --lan)"))
	}
	if f.lan {
		ip, err := lanAddress(e.getenv)
		if err != nil {
			return emb, err
		}
		emb.host = ip.String()
	}
	if f.demo {
		emb.db, emb.autoApprove = ":memory:", demoApproveAfter
		samplePerson(f, rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 0)))
	}
	return emb, nil
}

// lanAddress is the address a phone on the same network can reach:
// ONBOARD_LAN_IP when set (for a machine with several networks), else the
// first private address found.
func lanAddress(getenv func(string) string) (net.IP, error) {
	if v := getenv("ONBOARD_LAN_IP"); v != "" {
		ip := net.ParseIP(v)
		if ip == nil || ip.IsLoopback() || ip.IsUnspecified() {
			return nil, withCode(exitUsage, fmt.Errorf("ONBOARD_LAN_IP=%q is not an address a phone can reach; give this machine's LAN address, e.g. 192.168.1.20", v))
		}
		return ip, nil
	}
	ip, err := sandbox.LANAddress()
	if err != nil {
		return nil, fmt.Errorf("--lan: %w; set ONBOARD_LAN_IP to this machine's address on the phone's network", err)
	}
	return ip, nil
}
