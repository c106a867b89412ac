package sandbox_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"github.com/onboard-cli/onboard/api/sandbox"
)

func TestParseFaults(t *testing.T) {
	for _, tc := range []struct {
		spec, want, err string
	}{
		{spec: "", want: "off"},
		{spec: "off", want: "off"},
		{spec: "5xx=5%,429=0.05,reset=3%,slow=3%,lost=4%", want: "5xx=5%,429=5%,reset=3%,slow=3%,lost=4%"},
		{spec: "POST /linkcy/api/partner/consumers: lost=1; latency=200ms", want: "POST /linkcy/api/partner/consumers: lost=100%; latency=200ms"},
		{spec: "/weavr/: 5xx=50%, seed=7", want: "/weavr/: 5xx=50%; seed=7"},
		{spec: "lost=100%,times=1", want: "lost=100%,times=1"},
		{spec: "lost=1,times=0", err: "not a count of requests"},
		{spec: "5xx", err: "write KIND=VALUE"},
		{spec: "boom=1%", err: `unknown fault "boom"`},
		{spec: "5xx=150%", err: "between 0 and 100%"},
		{spec: "5xx=lots", err: "not a share"},
		{spec: "5xx=60%,lost=60%", err: "add up to 120%"},
		{spec: "latency=forever", err: "not a duration"},
		{spec: "seed=-1", err: "not a whole number"},
	} {
		f, err := sandbox.ParseFaults(tc.spec)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseFaults(%q) = %v; want an error with %q", tc.spec, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseFaults(%q): %v", tc.spec, err)
			continue
		}
		if got := f.String(); got != tc.want {
			t.Errorf("ParseFaults(%q).String() = %q; want %q", tc.spec, got, tc.want)
		}
		if again, err := sandbox.ParseFaults(f.String()); err != nil || again.String() != f.String() {
			t.Errorf("round trip of %q = %q, %v", f.String(), again.String(), err)
		}
	}
}

// faultyEnv is a sandbox served without the contract check, whose
// recorder would hide what the faults do to the connection.
func faultyEnv(t *testing.T, spec string) (*sandbox.Server, string) {
	t.Helper()
	f, err := sandbox.ParseFaults(spec)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := sandbox.New(context.Background(), sandbox.Options{BcryptCost: bcrypt.MinCost, Faults: f})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(func() { hs.Close(); srv.Close() })
	return srv, hs.URL
}

func rawCreate(base, number string) (*http.Response, error) {
	body := `{"partnerName":"` + sandbox.DefaultPartnerName + `","phone":{"countryCode":"33","number":"` + number + `"}}`
	req, _ := http.NewRequest(http.MethodPost, base+api+"consumers", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return (&http.Client{Transport: &http.Transport{}}).Do(req)
}

// stored reports whether the sandbox holds a consumer with number, read
// with the faults off.
func stored(t *testing.T, srv *sandbox.Server, base, number string) bool {
	t.Helper()
	srv.SetFaults(sandbox.Faults{})
	res, err := rawCreate(base, number)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode == http.StatusConflict // a second create of the same phone
}

// TestFaultsOnTheWire: each fault does to a create what it says, and only
// "lost" keeps the consumer it did not answer for.
func TestFaultsOnTheWire(t *testing.T) {
	for _, tc := range []struct {
		kind       string
		status     int // 0: the connection fails
		keeps      bool
		retryAfter string
	}{
		{kind: "5xx", status: http.StatusServiceUnavailable},
		{kind: "429", status: http.StatusTooManyRequests, retryAfter: "1"},
		{kind: "reset"},
		{kind: "lost", keeps: true},
		{kind: "slow", status: http.StatusCreated, keeps: true},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			srv, base := faultyEnv(t, "POST /linkcy/api/partner/consumers: "+tc.kind+"=100%")
			res, err := rawCreate(base, "612345678")
			switch {
			case tc.status == 0 && err == nil:
				res.Body.Close()
				t.Fatalf("answer %d; want the connection to fail", res.StatusCode)
			case tc.status != 0 && err != nil:
				t.Fatalf("request failed: %v", err)
			case tc.status != 0:
				data, _ := io.ReadAll(res.Body)
				res.Body.Close()
				if res.StatusCode != tc.status || res.Header.Get("Retry-After") != tc.retryAfter {
					t.Fatalf("answer %d Retry-After %q; want %d %q", res.StatusCode, res.Header.Get("Retry-After"), tc.status, tc.retryAfter)
				}
				var body map[string]any
				if err := json.Unmarshal(data, &body); err != nil {
					t.Fatalf("answer is not JSON: %q", data)
				}
				if tc.status >= 400 && body["errorCode"] == nil {
					t.Fatalf("answer is not in LinkCy's error shape: %s", data)
				}
			}
			if got := srv.FaultCounts()[tc.kind]; got != 1 {
				t.Errorf("counts[%s] = %d; want 1", tc.kind, got)
			}
			if got := stored(t, srv, base, "612345678"); got != tc.keeps {
				t.Errorf("consumer kept = %v; want %v", got, tc.keeps)
			}
		})
	}
}

// TestFaultsStayOnTheirRoute: a rule for one route leaves the others, and
// the sandbox's own pages, alone.
func TestFaultsStayOnTheirRoute(t *testing.T) {
	srv, base := faultyEnv(t, "POST /linkcy/api/partner/consumers: 5xx=100%; /weavr/: 5xx=100%")
	for _, path := range []string{api + "terms?language=en", "/sandbox/outbox", "/healthz"} {
		res, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("GET %s = %d; want 200", path, res.StatusCode)
		}
	}
	if got := srv.FaultCounts()["5xx"]; got != 0 {
		t.Errorf("5xx injected %d times off its route", got)
	}
}

// TestFaultsSeedRepeats: the same seed draws the same faults.
func TestFaultsSeedRepeats(t *testing.T) {
	run := func() string {
		_, base := faultyEnv(t, "/linkcy/: 5xx=50%; seed=42")
		var b strings.Builder
		for range 24 {
			res, err := http.Get(base + api + "terms?language=en")
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				b.WriteByte('.')
			} else {
				b.WriteByte('x')
			}
		}
		return b.String()
	}
	a, b := run(), run()
	if a != b || !strings.Contains(a, "x") || !strings.Contains(a, ".") {
		t.Fatalf("two runs with seed 42: %s and %s; want the same mix of answers and faults", a, b)
	}
}

// TestFaultsTestAPI: PUT sets the plan, GET reads it with the counts,
// DELETE stops it; a bad plan is refused with a sentence.
func TestFaultsTestAPI(t *testing.T) {
	_, base := faultyEnv(t, "")
	do := func(method, body string) (int, map[string]any) {
		req, _ := http.NewRequest(method, base+"/sandbox/faults", strings.NewReader(body))
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		out := map[string]any{}
		_ = json.NewDecoder(res.Body).Decode(&out)
		return res.StatusCode, out
	}
	if st, out := do(http.MethodPut, "GET /linkcy/api/partner/terms: 429=100%"); st != 200 || out["faults"] != "GET /linkcy/api/partner/terms: 429=100%" {
		t.Fatalf("PUT = %d %v", st, out)
	}
	res, err := http.Get(base + api + "terms?language=en")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("terms under 429=100%% = %d", res.StatusCode)
	}
	if _, out := do(http.MethodGet, ""); out["counts"].(map[string]any)["429"] != 1.0 {
		t.Errorf("GET counts = %v; want one 429", out["counts"])
	}
	if st, out := do(http.MethodPut, "5xx=2"); st != 400 || !strings.Contains(out["message"].(string), "between 0 and 100%") {
		t.Errorf("PUT of a bad plan = %d %v; want 400 saying why", st, out)
	}
	if st, out := do(http.MethodDelete, ""); st != 200 || out["faults"] != "off" {
		t.Errorf("DELETE = %d %v", st, out)
	}
	res, err = http.Get(base + api + "terms?language=en")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("terms after DELETE = %d; want 200", res.StatusCode)
	}
}
