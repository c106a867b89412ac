// Package i18n is onboard's own text in the person's language: English as
// written in the code, and French from a golang.org/x/text/message catalog
// keyed by the English format.
//
// A text is a constant English format (the key) and its arguments:
// p.T("Welcome back"), p.F("Code sent to %s", addr). A sentence built in
// package flow (a validation error, an explanation) is a Keyed message that
// carries its key and arguments, so that p.M and p.Err translate it without
// reading the English back; an argument that is itself a Keyed message is
// translated too ("a moment" becomes "un instant").
package i18n

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// Keyed is a message that carries its catalog key (a constant English
// format) and its arguments, such as flow.Text.
type Keyed interface {
	Key() string
	Args() []any
}

// Printer translates into one language. The zero Printer is English.
type Printer struct {
	p    *message.Printer
	keys map[string]string // key names in help lines ("enter" is "Entrée")
	// missed, when set (Checked), records the keys the catalog lacks.
	missed *missed
}

// missed is a Checked printer's record of the keys it was given that its
// catalog does not have.
type missed struct {
	table map[string]string
	mu    sync.Mutex
	keys  map[string]bool
}

// Checked is New for a test: the printer also records every key T and F
// are given that the French catalog lacks (Missing), so that a test which
// walks the screens in French catches a text passed to T through a
// variable, which the catalog's own test, reading the source, cannot see.
func Checked(lang string) Printer {
	p := New(lang)
	if p.p != nil {
		p.missed = &missed{table: french(), keys: map[string]bool{}}
	}
	return p
}

// Missing is the keys a Checked printer was given that its catalog lacks,
// sorted.
func (p Printer) Missing() []string {
	if p.missed == nil {
		return nil
	}
	p.missed.mu.Lock()
	defer p.missed.mu.Unlock()
	out := make([]string, 0, len(p.missed.keys))
	for k := range p.missed.keys {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// check records key when a Checked printer's catalog lacks it.
func (p Printer) check(key string) {
	if p.missed == nil || key == "" {
		return
	}
	if _, ok := p.missed.table[key]; ok {
		return
	}
	p.missed.mu.Lock()
	p.missed.keys[key] = true
	p.missed.mu.Unlock()
}

// New returns the printer for lang ("fr", "fr_FR.UTF-8", "en"); any
// language onboard has no catalog for is English. The catalog is built
// for this printer alone.
func New(lang string) Printer {
	if !isFrench(lang) {
		return Printer{}
	}
	b, err := build(language.French, french())
	if err != nil {
		// The French catalog is a constant table its test compiles:
		// a broken entry is a bug caught there, never a person's problem.
		return Printer{}
	}
	return Printer{p: message.NewPrinter(language.French, message.Catalog(b)), keys: frenchKeys()}
}

// build compiles a table of translations keyed by their English format.
func build(tag language.Tag, table map[string]string) (*catalog.Builder, error) {
	b := catalog.NewBuilder(catalog.Fallback(language.English))
	for key, text := range table {
		if err := b.SetString(tag, key, text); err != nil {
			return nil, fmt.Errorf("the catalog entry %q: %w", key, err)
		}
	}
	return b, nil
}

// Lang is the printer's language, "en" or "fr".
func (p Printer) Lang() string {
	if p.p == nil {
		return "en"
	}
	return "fr"
}

// T is key, a constant English text without verbs (F takes those), in
// the printer's language; a key the catalog does not have stays English.
func (p Printer) T(key string) string {
	if p.p == nil || key == "" {
		return key
	}
	p.check(key)
	return p.p.Sprintf(key)
}

// F formats args with format, a constant English format, in the printer's
// language. An argument that is a Keyed message is translated first.
func (p Printer) F(format string, args ...any) string {
	if p.p == nil {
		return fmt.Sprintf(format, p.args(args)...)
	}
	p.check(format)
	return p.p.Sprintf(format, p.args(args)...)
}

// M is the message m in the printer's language.
func (p Printer) M(m Keyed) string {
	if m == nil {
		return ""
	}
	return p.F(m.Key(), m.Args()...)
}

// Err is what err says to the person in the printer's language: the first
// Keyed message in its chain, or its English text when it has none.
func (p Printer) Err(err error) string {
	if err == nil {
		return ""
	}
	var k Keyed
	if errors.As(err, &k) {
		return p.M(k)
	}
	return err.Error()
}

// Key is the name of a keyboard key as a help line shows it ("enter" is
// "Entrée" in French); a name without its own translation stays as it is.
func (p Printer) Key(name string) string {
	if t, ok := p.keys[name]; ok {
		return t
	}
	return name
}

// args translates the arguments that are messages themselves.
func (p Printer) args(args []any) []any {
	out := args
	for i, a := range args {
		if k, ok := a.(Keyed); ok {
			if &out[0] == &args[0] {
				out = append([]any(nil), args...)
			}
			out[i] = p.M(k)
		}
	}
	return out
}

// For is a printer for lang: p itself when it speaks lang already, else a
// new one (New). A run keeps the one printer it builds this way, rather
// than compiling the catalog again for each part that speaks.
func (p Printer) For(lang string) Printer {
	if isFrench(lang) == (p.p != nil) {
		return p
	}
	return New(lang)
}

// isFrench tells whether lang ("fr", "fr_FR.UTF-8") is French.
func isFrench(lang string) bool { return strings.HasPrefix(strings.ToLower(lang), "fr") }
