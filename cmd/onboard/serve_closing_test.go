package main

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// TestServeClosingLineWraps: a session's last words are wrapped at spaces
// to its own window (internal/wrap), never cut inside a word by the
// client's terminal, and said by the run's printer.
func TestServeClosingLineWraps(t *testing.T) {
	const cols = 36
	s := startInServe(t, 1, time.Second, nil)
	c, _ := dialSSH(t, s.addr)
	sess := openSession(t, c, cols, 20)
	waitForText(t, sess.scr, "afresh.") // the idle timeout's sentence, the last thing said
	out := ansi.Strip(sess.scr.String())
	last := out[strings.LastIndex(out, "Closed after"):]
	lines := strings.Split(strings.TrimRight(last, "\r\n"), "\r\n")
	if len(lines) < 2 {
		t.Fatalf("the closing line is not wrapped at %d columns: %q", cols, last)
	}
	for _, l := range lines {
		if ansi.StringWidth(l) > cols {
			t.Errorf("a line of the closing words is wider than the window (%d): %q", cols, l)
		}
	}
	if got := strings.Join(strings.Fields(last), " "); got != "Closed after 1s without a key press. Connect again to start afresh." {
		t.Errorf("the closing words, unwrapped: %q", got)
	}
}

// TestServeSpeaksTheClientsLanguage: a client whose locale is French
// (LANG sent as OpenSSH's SendEnv does) gets the wizard and its closing
// words in French; one that sends none, English.
func TestServeSpeaksTheClientsLanguage(t *testing.T) {
	s := startInServe(t, 2, 2*time.Second, nil)
	c, _ := dialSSH(t, s.addr)
	fr := openSessionEnv(t, c, 80, 24, "LANG=fr_FR.UTF-8")
	waitForText(t, fr.scr, "Conditions générales")
	waitForText(t, fr.scr, "Reconnectez-vous pour recommencer") // the idle timeout's closing words
	c2, _ := dialSSH(t, s.addr)
	en := openSession(t, c2, 80, 24)
	waitForText(t, en.scr, "Terms and conditions")
	if strings.Contains(ansi.Strip(en.scr.String()), "Conditions générales") {
		t.Error("a client with no locale got French")
	}
}
