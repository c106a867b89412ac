package sandbox

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// FaultRule is one line of a fault plan: for the provider API requests it
// matches, how much latency to add and how often each failure happens.
// The rates are shares of requests (0 to 1, together at most 1).
type FaultRule struct {
	// Route limits the rule to requests whose "METHOD /path" starts with
	// it ("POST /linkcy/api/partner/consumers"), or whose path does
	// ("/weavr/"); "" matches every provider API request.
	Route string
	// Latency is added before the request is handled.
	Latency time.Duration
	// Error answers 503 without handling the request.
	Error float64
	// RateLimit answers 429 with Retry-After: 1 without handling it.
	RateLimit float64
	// Reset closes the connection without handling the request.
	Reset float64
	// Slow handles the request, then trickles the answer over a second.
	Slow float64
	// Lost handles the request (its changes are kept), then closes the
	// connection instead of answering: the client cannot tell whether it
	// happened.
	Lost float64
	// Times, when positive, retires the rule after that many requests it
	// had a say in ("the next create is lost, the one after is not"); an
	// earlier rule's fault leaves a later rule's count alone.
	Times int
}

// Faults is a fault plan: the sandbox misbehaving on purpose, the way
// networks and servers do, so that clients can be tested against it. Only
// the provider APIs (/linkcy/, /weavr/) misbehave; the sandbox's own pages
// never do. The zero value injects nothing.
type Faults struct {
	Rules []FaultRule
	// Seed makes the draws repeatable; 0 picks one at random.
	Seed uint64
}

// The fault kinds, as the plan and the counts name them.
const (
	faultNone      = ""
	faultLatency   = "latency"
	faultError     = "5xx"
	faultRateLimit = "429"
	faultReset     = "reset"
	faultSlow      = "slow"
	faultLost      = "lost"
)

// ParseFaults reads a fault plan: rules separated by ";", each an optional
// route and ":" then comma-separated settings, e.g.
//
//	5xx=5%,429=5%,reset=3%,slow=3%,lost=4%; POST /linkcy/api/partner/consumers: latency=200ms
//
// Settings: latency=DURATION, and 5xx, 429, reset, slow, lost as a share
// (0.05 or 5%); times=N retires the rule after N requests; seed=N
// (anywhere) makes the draws repeatable. "" or "off" is no fault at all.
func ParseFaults(spec string) (Faults, error) {
	var f Faults
	spec = strings.TrimSpace(spec)
	if spec == "" || spec == "off" {
		return f, nil
	}
	for part := range strings.SplitSeq(spec, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		var rule FaultRule
		if route, rest, ok := strings.Cut(part, ":"); ok && looksLikeRoute(route) {
			rule.Route, part = strings.TrimSpace(route), rest
		}
		for item := range strings.SplitSeq(part, ",") {
			item = strings.TrimSpace(item)
			if item == "" {
				continue
			}
			k, v, ok := strings.Cut(item, "=")
			if !ok {
				return Faults{}, fmt.Errorf("fault %q: write KIND=VALUE, e.g. 5xx=10%% or latency=200ms", item)
			}
			k, v = strings.TrimSpace(k), strings.TrimSpace(v)
			if k == "seed" {
				n, err := strconv.ParseUint(v, 10, 64)
				if err != nil {
					return Faults{}, fmt.Errorf("fault seed %q is not a whole number", v)
				}
				f.Seed = n
				continue
			}
			if k == "times" {
				n, err := strconv.Atoi(v)
				if err != nil || n < 1 {
					return Faults{}, fmt.Errorf("fault times %q is not a count of requests, e.g. times=1", v)
				}
				rule.Times = n
				continue
			}
			if k == faultLatency {
				d, err := time.ParseDuration(v)
				if err != nil || d < 0 || d > time.Minute {
					return Faults{}, fmt.Errorf("fault latency %q is not a duration up to 1m, e.g. 200ms", v)
				}
				rule.Latency = d
				continue
			}
			p, err := parseShare(v)
			if err != nil {
				return Faults{}, fmt.Errorf("fault %s=%s: %w", k, v, err)
			}
			switch k {
			case faultError:
				rule.Error = p
			case faultRateLimit:
				rule.RateLimit = p
			case faultReset:
				rule.Reset = p
			case faultSlow:
				rule.Slow = p
			case faultLost:
				rule.Lost = p
			default:
				return Faults{}, fmt.Errorf("unknown fault %q: use latency, 5xx, 429, reset, slow, lost, times or seed", k)
			}
		}
		if sum := rule.Error + rule.RateLimit + rule.Reset + rule.Slow + rule.Lost; sum > 1.0000001 {
			return Faults{}, fmt.Errorf("faults %q add up to %.0f%% of requests; at most 100%%", part, sum*100)
		}
		if rule != (FaultRule{Route: rule.Route}) {
			f.Rules = append(f.Rules, rule)
		}
	}
	return f, nil
}

func looksLikeRoute(s string) bool {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "/") {
		return true
	}
	method, path, ok := strings.Cut(s, " ")
	return ok && method == strings.ToUpper(method) && strings.HasPrefix(strings.TrimSpace(path), "/")
}

func parseShare(v string) (float64, error) {
	pct := strings.HasSuffix(v, "%")
	p, err := strconv.ParseFloat(strings.TrimSuffix(v, "%"), 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a share such as 0.05 or 5%%", v)
	}
	if pct {
		p /= 100
	}
	if p < 0 || p > 1 {
		return 0, fmt.Errorf("%q is not between 0 and 100%%", v)
	}
	return p, nil
}

// String writes the plan back in ParseFaults' form; "off" for none.
func (f Faults) String() string {
	var rules []string
	for _, r := range f.Rules {
		var items []string
		if r.Latency > 0 {
			items = append(items, faultLatency+"="+r.Latency.String())
		}
		for _, kv := range []struct {
			k string
			p float64
		}{{faultError, r.Error}, {faultRateLimit, r.RateLimit}, {faultReset, r.Reset}, {faultSlow, r.Slow}, {faultLost, r.Lost}} {
			if kv.p > 0 {
				items = append(items, kv.k+"="+strconv.FormatFloat(kv.p*100, 'f', -1, 64)+"%")
			}
		}
		if r.Times > 0 {
			items = append(items, "times="+strconv.Itoa(r.Times))
		}
		s := strings.Join(items, ",")
		if r.Route != "" {
			s = r.Route + ": " + s
		}
		rules = append(rules, s)
	}
	if f.Seed != 0 {
		rules = append(rules, "seed="+strconv.FormatUint(f.Seed, 10))
	}
	if len(rules) == 0 {
		return "off"
	}
	return strings.Join(rules, "; ")
}

func (r FaultRule) matches(req *http.Request) bool {
	if r.Route == "" {
		return true
	}
	if strings.HasPrefix(r.Route, "/") {
		return strings.HasPrefix(req.URL.Path, r.Route)
	}
	return strings.HasPrefix(req.Method+" "+req.URL.Path, r.Route)
}

// pick draws the fault for one request, in each matching rule's bands.
func (r FaultRule) pick(u float64) string {
	for _, b := range []struct {
		kind string
		p    float64
	}{{faultError, r.Error}, {faultRateLimit, r.RateLimit}, {faultReset, r.Reset}, {faultSlow, r.Slow}, {faultLost, r.Lost}} {
		if u < b.p {
			return b.kind
		}
		u -= b.p
	}
	return faultNone
}

// faultState is a server's current plan, its random source and what it
// injected, behind one lock (requests draw concurrently).
type faultState struct {
	mu     sync.Mutex
	plan   Faults
	rng    *rand.Rand
	counts map[string]int
	used   []int // requests each rule has matched, for Times
}

func (fs *faultState) set(f Faults) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	seed := f.Seed
	if seed == 0 {
		seed = rand.Uint64()
	}
	fs.plan, fs.rng, fs.counts = f, rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), map[string]int{}
	fs.used = make([]int, len(f.Rules))
}

// draw returns the latency and the fault for req, and counts them.
func (fs *faultState) draw(req *http.Request) (time.Duration, string) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if len(fs.plan.Rules) == 0 {
		return 0, faultNone
	}
	var delay time.Duration
	kind := faultNone
	for i, r := range fs.plan.Rules {
		if !r.matches(req) || (r.Times > 0 && fs.used[i] >= r.Times) || (kind != faultNone && r.Latency == 0) {
			continue // a rule counts only the requests it had a say in
		}
		fs.used[i]++
		delay += r.Latency
		if kind == faultNone {
			kind = r.pick(fs.rng.Float64())
		}
	}
	if delay > 0 {
		fs.counts[faultLatency]++
	}
	if kind != faultNone {
		fs.counts[kind]++
	}
	return delay, kind
}

// snapshot returns the plan and a copy of the counts.
func (fs *faultState) snapshot() (Faults, map[string]int) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	counts := make(map[string]int, len(fs.counts))
	for k, v := range fs.counts {
		counts[k] = v
	}
	return fs.plan, counts
}
