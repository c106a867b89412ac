// Package lazyregexp is a regular expression compiled the first time it
// is used rather than when its package is initialised, as Go's own cmd/go
// does (cmd/go/internal/lazyregexp). Every onboard process compiled its
// packages' 23 patterns before main: 0.45 ms of every start, the wizard's
// first frame and `onboard --version` included, for patterns most runs
// never use (bench/RESULTS.md).
package lazyregexp

import (
	"os"
	"regexp"
	"strings"
	"sync"
)

// inTest is whether this is a test binary, told by its name as cmd/go
// tells it: importing package testing for testing.Testing would link it,
// and its flags' inits, into onboard.
var inTest = len(os.Args) > 0 && strings.HasSuffix(strings.TrimSuffix(os.Args[0], ".exe"), ".test")

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
	if inTest {
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
