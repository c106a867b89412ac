package tui

import (
	"context"
	"errors"

	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
)

// codeField is where a person types back a code they were sent (Weavr's
// email and SMS codes, FinHub's activation code): the input, a spinner
// while the code is checked, and the sentence under it when it is not
// right.
type codeField struct {
	c       *common
	in      textinput.Model
	spin    spinner.Model
	errText string // in the person's language
}

func newCodeField(c *common) codeField {
	f := codeField{c: c, in: newInput(c, c.T("6 digits"), 12), spin: newSpinner(c)}
	f.in.CharLimit = 16
	f.in.Focus()
	return f
}

// check reads the code typed (one sent by via, for the sentences) and
// runs op with it; a text that cannot be a code is said under the field.
func (f *codeField) check(via, op string, fn func(ctx context.Context, st flow.State, code string) (flow.State, error)) tea.Cmd {
	if f.c.busy() {
		return nil
	}
	code, err := flow.NormalizeCode(f.in.Value(), via)
	if err != nil {
		f.errText = f.c.refusal(err)
		return nil
	}
	return tea.Batch(f.spin.Tick, f.c.run(op, func(ctx context.Context, st flow.State) (flow.State, error) {
		return fn(ctx, st, code)
	}))
}

// refused reports whether err says the code is not right (wrong, expired,
// too many tries); if so the field is emptied and says why, then next
// (in the person's language).
func (f *codeField) refused(err error, next string) bool {
	if !wrongCode(err) {
		return false
	}
	f.in.SetValue("")
	f.errText = f.c.explain(err) + " " + next
	return true
}

// wrongCode is an error the field itself says (errorShower).
func wrongCode(err error) bool {
	return errors.Is(err, api.ErrInvalidCode) || errors.Is(err, api.ErrTooManyAttempts)
}

// update turns the spinner, or types into the field (a key press clears
// the last error).
func (f *codeField) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case spinner.TickMsg:
		return turn(&f.spin, f.c.busy(), msg)
	case tea.KeyPressMsg:
		f.errText = ""
	}
	var cmd tea.Cmd
	f.in, cmd = f.in.Update(msg)
	return cmd
}

// view is the field and the line under it: the error, the spinner with
// busy while checking, or the paste hint.
func (f *codeField) view(checking bool, busy string) []string {
	st, w := f.c.styles, f.c.width
	under := st.Muted.Render(f.c.T("Pasting “123 456” works too."))
	switch {
	case f.errText != "":
		under = st.Bad.Render(f.errText)
	case checking:
		under = f.spin.View() + " " + busy
	}
	return []string{st.Focused.Render(f.c.T("› Code")) + f.in.View(), field(st.Label.Render(""), under, w)}
}
