package lazyregexp

import (
	"sync"
	"testing"
)

// TestSameAsRegexp: each method answers as regexp's, from any number of
// goroutines at once (run with -race).
func TestSameAsRegexp(t *testing.T) {
	r := &Regexp{str: `^([0-9]{1,2}) tries$`} // not compiled yet, as outside a test
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if !r.MatchString("3 tries") || r.MatchString("x tries") {
				t.Error("MatchString")
			}
			if m := r.FindStringSubmatch("12 tries"); len(m) != 2 || m[1] != "12" {
				t.Errorf("FindStringSubmatch = %q", m)
			}
			if got := r.ReplaceAllString("7 tries", "$1"); got != "7" {
				t.Errorf("ReplaceAllString = %q", got)
			}
		})
	}
	wg.Wait()
	if r.String() != `^([0-9]{1,2}) tries$` {
		t.Errorf("String = %q", r.String())
	}
}

// TestBadPatternPanicsInTests: in a test binary New compiles at once, so
// a broken pattern fails the package's tests rather than a user's run.
func TestBadPatternPanicsInTests(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("New accepted a pattern that does not compile")
		}
	}()
	New(`([`)
}
