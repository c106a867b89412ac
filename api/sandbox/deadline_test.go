package sandbox_test

import (
	"bufio"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api/sandbox"
)

// TestTricklingBodyIsCut: a body that trickles in a byte at a time is cut
// off at the body deadline with a 408 in LinkCy's shape, instead of
// holding the connection for as long as the sender likes.
func TestTricklingBodyIsCut(t *testing.T) {
	hs := rawSandbox(t, sandbox.Options{BodyTimeout: 300 * time.Millisecond})
	conn, err := net.Dial("tcp", hs.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// The guard only keeps a broken sandbox from hanging the test.
	_ = conn.SetReadDeadline(time.Now().Add(30 * time.Second))
	head := "POST /linkcy/api/partner/consumers HTTP/1.1\r\nHost: sandbox\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"
	if _, err := io.WriteString(conn, head); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	defer close(stop)
	go func() { // a byte every 20 ms: 100000 bytes would take half an hour
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				if _, err := io.WriteString(conn, " "); err != nil {
					return
				}
			}
		}
	}()
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer to a trickling body: %v", err)
	}
	defer res.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil {
		t.Fatalf("the answer is not JSON: %v", err)
	}
	if res.StatusCode != http.StatusRequestTimeout || body["errorCode"] != "REQUEST_TIMEOUT" || !strings.Contains(body["message"].(string), "send it again") {
		t.Fatalf("trickling body: %d %v, want 408 REQUEST_TIMEOUT", res.StatusCode, body)
	}
}

// TestHeldRequestOutlivesBodyDeadline: a request without a body held
// longer than the body deadline (an outbox wait) is answered, not cut.
func TestHeldRequestOutlivesBodyDeadline(t *testing.T) {
	hs := rawSandbox(t, sandbox.Options{BodyTimeout: 100 * time.Millisecond})
	res, err := hs.Client().Get(hs.URL + "/sandbox/outbox?recipient=%2B33612345678&wait=1")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("held outbox request: %d, want 200", res.StatusCode)
	}
}

// TestSlowAnswerOutlivesBodyDeadline: the deadline bounds the body only;
// once it has arrived, the answer may take longer (here a "slow" fault
// trickles it out over a second) and still arrives whole.
func TestSlowAnswerOutlivesBodyDeadline(t *testing.T) {
	faults, err := sandbox.ParseFaults("slow=100%")
	if err != nil {
		t.Fatal(err)
	}
	hs := rawSandbox(t, sandbox.Options{BodyTimeout: 100 * time.Millisecond, Faults: faults})
	b, _ := json.Marshal(consumerBody("33", "612345678", nil))
	status, out := providers()[0].send(t, hs, "application/json", string(b))
	if status != http.StatusCreated || out["id"] == nil {
		t.Fatalf("slow answer after the body deadline: %d %v, want 201 with the consumer", status, out)
	}
}
