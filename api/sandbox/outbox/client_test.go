package outbox_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/onboard-cli/onboard/api/sandbox/outbox"
)

// TestErrorsKeepTheCapability: a transport error says where it failed but
// never the partner's name in the query (a shared sandbox's tenant
// capability) nor a page's token.
func TestErrorsKeepTheCapability(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	ln.Close() // nothing listens there now: every call fails in transport
	const capability = "onboard-sandbox-0123456789abcdef0123456789abcdef"
	c := outbox.NewClient(base, nil).ForPartner(capability)
	_, err = c.Messages(context.Background(), "+33612345678", 0)
	if err == nil || strings.Contains(err.Error(), capability) || !strings.Contains(err.Error(), base) {
		t.Errorf("reading the outbox: %v; want the sandbox's address and not the partner", err)
	}
	const token = "nEaA0I9nsr5t5Wa4sUjxBtYwRdB6fwXz"
	err = c.Press(context.Background(), base+"/sandbox/kyc/"+token, "approve")
	if err == nil || strings.Contains(err.Error(), token) {
		t.Errorf("pressing a page's button: %v; want no token", err)
	}
	refusing := httptest.NewServer(http.NotFoundHandler())
	defer refusing.Close()
	err = outbox.NewClient(refusing.URL, nil).Open(context.Background(), refusing.URL+"/sandbox/email/"+token)
	if err == nil || strings.Contains(err.Error(), token) {
		t.Errorf("a page that answered 404: %v; want no token", err)
	}
}
