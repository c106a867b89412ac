package linkcy_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/linkcy"
)

// TestConsumersPagingEnds: a server whose paging never ends (the page it
// says it sent is not the one asked for, or the total never runs out, as
// Prism's mock answers) cannot keep the walk through the consumer list
// going; a server that pages as asked is walked to its end.
func TestConsumersPagingEnds(t *testing.T) {
	tests := []struct {
		name    string
		page    func(asked int) int
		total   int64
		maxHits int64
	}{
		{"a page other than the one asked for", func(int) int { return -2147483648 }, 1 << 40, 1},
		{"a total that never runs out", func(asked int) int { return asked }, 1 << 40, 1000},
		{"a server that pages as asked", func(asked int) int { return asked }, 3, 3},
	}
	for _, tt := range tests {
		var hits atomic.Int64
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			hits.Add(1)
			asked, _ := strconv.Atoi(r.URL.Query().Get("page"))
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"content":[{"id":"497f6eca-6276-4993-bfeb-53cbbbba6f08","phone":{"countryCode":"33","number":"1"}}],"page":%d,"pageSize":1,"totalElements":%d}`,
				tt.page(asked), tt.total)
		}))
		c, err := linkcy.New(api.Config{BaseURL: srv.URL + "/", HTTPClient: srv.Client(), Version: "test", Sandbox: true})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, err := range c.Consumers(context.Background(), "token", linkcy.ListConsumersParams{PageSize: 1}) {
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			n++
		}
		srv.Close()
		if hits.Load() != tt.maxHits || int64(n) != tt.maxHits {
			t.Errorf("%s: %d requests, %d consumers; want %d", tt.name, hits.Load(), n, tt.maxHits)
		}
	}
}
