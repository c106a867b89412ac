package line

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
)

// TestWaitSaysSo: a long wait says now and then that it still waits, and
// a connection problem says when it tries again; neither redraws.
func TestWaitSaysSo(t *testing.T) {
	var errb bytes.Buffer
	r := &runner{o: Options{Err: &errb}, noteEvery: 30 * time.Millisecond,
		policy: flow.Policy{Initial: 10 * time.Millisecond, Factor: 1, Max: 10 * time.Millisecond, Deadline: time.Minute}}
	n := 0
	err := r.wait(context.Background(), "the identity check", func(context.Context) (bool, error) {
		n++
		if n == 2 {
			return false, &api.Error{Kind: api.KindUnavailable, Status: 503, Err: api.ErrUnavailable}
		}
		return n >= 12, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	out := errb.String()
	for _, want := range []string{"• Connection trouble; retrying in 1 s.\n", "… still waiting for the identity check (0 min)\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("the wait's lines lack %q:\n%s", want, out)
		}
	}
	if strings.ContainsAny(out, "\r\x1b") {
		t.Errorf("the wait redraws:\n%q", out)
	}
}
