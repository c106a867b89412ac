package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"
)

// TestErrorfInLanguage: an Errorf error is English as an error, French
// through InLanguage (after a prefix it was wrapped in), and still wraps
// the error among its arguments.
func TestErrorfInLanguage(t *testing.T) {
	err := fmt.Errorf("status: %w", Errorf("reading %s: %v", "a.toml", fs.ErrPermission))
	if got, want := err.Error(), "status: reading a.toml: permission denied"; got != want {
		t.Errorf("English: %q, want %q", got, want)
	}
	fr := New("fr").InLanguage(err)
	if !errors.Is(fr, fs.ErrPermission) {
		t.Errorf("InLanguage lost the error it wraps: %v", fr)
	}
	if got, want := fr.Error(), "status: lecture de a.toml : permission denied"; got != want {
		t.Errorf("French: %q, want %q", got, want)
	}
	if en := New("en").InLanguage(err); en != err {
		t.Errorf("English InLanguage changed the error: %v", en)
	}
}

// TestForKeepsThePrinter: For gives back the printer it is called on when
// it speaks the language asked for, so that a run compiles French once.
func TestForKeepsThePrinter(t *testing.T) {
	fr := New("fr")
	if again := fr.For("fr_FR.UTF-8"); again.p != fr.p {
		t.Error("For(fr) on a French printer built another")
	}
	if en := fr.For("en"); en.Lang() != "en" {
		t.Errorf("For(en) speaks %s", en.Lang())
	}
	if got := (Printer{}).For("fr").Lang(); got != "fr" {
		t.Errorf("For(fr) on English speaks %s", got)
	}
}
