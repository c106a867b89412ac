// Package lazyregexp is a regular expression compiled the first time it
// is used rather than when its package is initialised, as Go's own cmd/go
// does (cmd/go/internal/lazyregexp). Every onboard process ran all its
// packages' regexp.MustCompile before main: 0.7 ms of every start, the
// wizard's first frame and `onboard --version` included, for patterns
// most runs never use (bench/RESULTS.md).
package lazyregexp

import (
	"regexp"
	"sync"
	"testing"
)

// Regexp is a regexp.Regexp compiled on first use.
type Regexp struct {
	str  string
	once sync.Once
	rx   *regexp.Regexp
}

// New returns a Regexp for str, which must compile: a bad pattern panics
// at its first use, and in a test binary at once, so that tests catch it
// as regexp.MustCompile's did at init.
func New(str string) *Regexp {
	r := &Regexp{str: str}
	if testing.Testing() {
		r.re()
	}
	return r
}

func (r *Regexp) re() *regexp.Regexp {
	r.once.Do(func() { r.rx = regexp.MustCompile(r.str) })
	return r.rx
}

// MatchString is regexp.Regexp's MatchString.
func (r *Regexp) MatchString(s string) bool { return r.re().MatchString(s) }

// FindStringSubmatch is regexp.Regexp's FindStringSubmatch.
func (r *Regexp) FindStringSubmatch(s string) []string { return r.re().FindStringSubmatch(s) }

// ReplaceAllString is regexp.Regexp's ReplaceAllString.
func (r *Regexp) ReplaceAllString(src, repl string) string { return r.re().ReplaceAllString(src, repl) }

// String returns the source text of the pattern.
func (r *Regexp) String() string { return r.str }
