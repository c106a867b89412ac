package tui

import "github.com/onboard-cli/onboard/flow"

// termsNote is flow.TermsNote in the app's status line (above the help)
// when it happens, as line mode says it then: the provider said the terms
// accepted in this run are not. It is said once a run, and stays through
// the step it happened in and the next one, so that a step that moves on
// at once does not take it away unread. The last screen says it itself,
// so the status line does not say it there too.
type termsNote struct {
	text  string // flow.TermsNote, in the person's language, while shown
	noted bool   // said this run: never again
	kept  bool   // a step was entered since it appeared
}

// follow takes in the state after an answer: the note appears the first
// time flow.TermsNote has something to say.
func (n *termsNote) follow(c *common) {
	if note := flow.TermsNote(c.st); note != "" && !n.noted {
		n.noted, n.text, n.kept = true, c.T(note), false
	}
}

// entered is told of each step entered: the note lasts one more step.
func (n *termsNote) entered() {
	if n.kept {
		n.text = ""
	}
	n.kept = n.text != ""
}

// shown is the note to show on step, "" for none.
func (n *termsNote) shown(step flow.Step) string {
	if step == flow.StepDone {
		return ""
	}
	return n.text
}
