package tui

import (
	"cmp"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/onboard-cli/onboard/internal/wrap"
)

// formField is one field of an organisation's form (the company, a
// person): a text input checked as typed, or a choice among fixed values
// that ←/→ cycles.
type formField struct {
	label   string // English; the form translates it
	in      textinput.Model
	hint    string // the placeholder, translated, whole; fit may cut it
	width   int    // the input's width as asked for; fit may narrow it
	check   func(string) error
	choices []string
	choice  int
	// named is the field's name in an error said away from it, in the
	// person's language, where its label alone is ambiguous (the
	// registered office's Country beside the company's); "" for the label.
	named string
	// touched: the person left the field (or typed in it), so its error
	// shows; a form tried with enter shows them all.
	touched bool
}

// orgForm is a column of formFields with a focus, checked as typed.
type orgForm struct {
	c      *common
	fields []formField
	focus  int
	tried  bool
}

// add appends a text field, as wide as asked or as its placeholder
// ("e.g. 2015-03-20" was cut to "e.g. 2015-03-" at the width of a date).
func (f *orgForm) add(label, placeholder, value string, width int, check func(string) error) int {
	hint := f.c.T(placeholder)
	width = max(width, lipgloss.Width(hint))
	in := newInput(f.c, hint, width)
	in.SetValue(value)
	f.fields = append(f.fields, formField{label: label, in: in, hint: hint, width: width, check: check})
	return len(f.fields) - 1
}

func (f *orgForm) addChoice(label string, choices []string, value string) int {
	ff := formField{label: label, choices: choices}
	for i, c := range choices {
		if c == value {
			ff.choice = i
		}
	}
	f.fields = append(f.fields, ff)
	return len(f.fields) - 1
}

// value is field i's text, trimmed, or its choice.
func (f *orgForm) value(i int) string {
	if ff := f.fields[i]; ff.choices != nil {
		return ff.choices[ff.choice]
	}
	return strings.TrimSpace(f.fields[i].in.Value())
}

// errOf is why field i is not right yet, "" when it is or is not to be
// said yet.
func (f *orgForm) errOf(i int) string {
	ff := f.fields[i]
	if ff.check == nil || !(ff.touched || f.tried) {
		return ""
	}
	if err := ff.check(f.value(i)); err != nil {
		return f.c.refusal(err) // in the person's language
	}
	return ""
}

// firstInvalid is the first field whose check fails, or -1.
func (f *orgForm) firstInvalid() int {
	for i, ff := range f.fields {
		if ff.check != nil && ff.check(f.value(i)) != nil {
			return i
		}
	}
	return -1
}

// move puts the focus on field i.
func (f *orgForm) move(i int) {
	f.fields[f.focus].touched = true
	if f.fields[f.focus].choices == nil {
		f.fields[f.focus].in.Blur()
		showStart(&f.fields[f.focus].in) // a value wider than its field shows its start
	}
	f.focus = (i + len(f.fields)) % len(f.fields)
	if f.fields[f.focus].choices == nil {
		f.fields[f.focus].in.Focus()
		f.fields[f.focus].in.CursorEnd() // typing goes on from the end
	}
}

// update handles a key for the form: moving between fields, cycling a
// choice, typing. It returns false for a key the form leaves to its
// screen (enter, esc).
func (f *orgForm) update(msg tea.KeyPressMsg) bool {
	ff := &f.fields[f.focus]
	switch msg.String() {
	case "enter", "esc":
		return false
	case "tab", "down":
		f.move(f.focus + 1)
	case "shift+tab", "up":
		f.move(f.focus - 1)
	case "left", "right", "space":
		if ff.choices == nil {
			break
		}
		step := 1
		if msg.String() == "left" {
			step = len(ff.choices) - 1
		}
		ff.choice = (ff.choice + step) % len(ff.choices)
		return true
	}
	if ff.choices == nil && msg.String() != "tab" && msg.String() != "shift+tab" && msg.String() != "up" && msg.String() != "down" {
		before := ff.in.Value()
		ff.in, _ = ff.in.Update(msg)
		if ff.in.Value() != before {
			ff.touched = true
		}
	}
	return true
}

// labelWidth is the width of the labels of fields from to to (both
// included) in the person's language: the widest, after its two-cell
// mark, and a space before the value, so that no label runs into its value
// whatever the language makes of it.
func (f *orgForm) labelWidth(from, to int) int {
	w := 0
	for i := from; i <= to; i++ {
		w = max(w, lipgloss.Width(f.c.T(f.fields[i].label)))
	}
	return w + 3
}

// fit narrows the inputs of fields from to to (both included) to room
// cells beside their labels, so that a row is never cut: a longer value
// scrolls inside its input. An input draws up to two cells more than its
// width (the cursor's, and one more while it shows a long value's start).
// A field never grows past the width it was added with.
func (f *orgForm) fit(from, to, room int) {
	for i := from; i <= to; i++ {
		if ff := &f.fields[i]; ff.choices == nil {
			ff.in.SetWidth(max(4, min(ff.width, room-2)))
			if ff.hint != "" { // an input shows its width and one cell more
				ff.in.Placeholder = truncate(ff.hint, ff.in.Width()+1)
			}
			pos := ff.in.Position()
			showStart(&ff.in) // measured again at the new width
			if i == f.focus {
				ff.in.SetCursor(pos)
			}
		}
	}
}

// showStart scrolls in to the start of its value. An input scrolls only as
// its cursor leaves what it shows, so the cursor goes to the end and back:
// the view is measured again (after a new width, too).
func showStart(in *textinput.Model) {
	in.CursorEnd()
	in.CursorStart()
}

// row draws field i: its label (✗ when wrong), and its input or choice.
func (f *orgForm) row(i, labelW, width int) string {
	st := f.c.styles
	ff := f.fields[i]
	mark := "  "
	if f.errOf(i) != "" {
		mark = st.Bad.Render("✗ ")
	}
	label := st.Label.Width(labelW).Render(mark + f.c.T(ff.label))
	if i == f.focus {
		label = st.Focused.Width(labelW).Render("› " + f.c.T(ff.label))
	}
	var content string
	switch {
	case ff.choices != nil && i == f.focus:
		lines := strings.Split(f.choiceLines(i, width-labelW-4), "\n")
		for j, l := range lines {
			lines[j] = "  " + st.Value.Render(l)
		}
		lines[0] = st.Accent.Render("‹ ") + strings.TrimPrefix(lines[0], "  ")
		lines[len(lines)-1] += st.Accent.Render(" ›")
		content = strings.Join(lines, "\n")
	case ff.choices != nil:
		content = st.Text.Render(f.choiceShort(i, width-labelW-1)) // no ‹ › around it
	case i != f.focus:
		content = cutView(ff.in)
	default:
		content = ff.in.View()
	}
	lines := strings.Split(lipgloss.JoinHorizontal(lipgloss.Top, label, content), "\n")
	for j, l := range lines {
		lines[j] = truncate(l, width)
	}
	return strings.Join(lines, "\n")
}

// cutView is an unfocused input's view, its value ending in "…" when it
// is longer than the input shows (it showed its start, with no mark that
// it went on). A masked value is drawn as the input draws it.
func cutView(in textinput.Model) string {
	room := in.Width() + 1 // an input shows its width and one cell more
	if in.EchoMode != textinput.EchoNormal || lipgloss.Width(in.Value()) <= room {
		return in.View()
	}
	in.SetValue(truncate(in.Value(), room))
	showStart(&in)
	return in.View()
}

// choiceLines is field i's choice in words, wrapped to room cells (a
// word wider than that broken), so that it never runs past its column.
func (f *orgForm) choiceLines(i, room int) string {
	room = max(4, room)
	return wrap.Fit(f.c.T(choiceText(f.fields[i].choices[f.fields[i].choice])), room)
}

// choiceLinesMax is how many lines an unfocused choice takes at most.
const choiceLinesMax = 3

// choiceShort is an unfocused choice in at most choiceLinesMax lines of
// room cells, the last ending in "…" when the words go on, as an
// unfocused value does: "société à responsabilité limitée", broken over
// six lines at 60 columns, pushed the rows under it out of the window.
// Focused, a choice shows whole (choiceLines).
func (f *orgForm) choiceShort(i, room int) string {
	room = max(4, room)
	text := f.c.T(choiceText(f.fields[i].choices[f.fields[i].choice]))
	lines := strings.Split(wrap.Words(text, room), "\n") // at spaces; a word too long is cut below
	for k, l := range lines {
		if k == choiceLinesMax-1 || lipgloss.Width(l) > room { // the last line shown: the rest ends in "…"
			lines = append(lines[:k], truncate(strings.Join(lines[k:], " "), room))
			break
		}
	}
	return strings.Join(lines, "\n")
}

// wrong is how many fields show an error.
func (f *orgForm) wrong() int {
	n := 0
	for i := range f.fields {
		if f.errOf(i) != "" {
			n++
		}
	}
	return n
}

// focusErr is the focused field's error, or else the first error shown,
// named by its field as the personnel table names a person ("✗ Postal
// code · …"): with the focus on another field (a choice, which is never
// wrong), an error alone did not say which field it was about.
func (f *orgForm) focusErr() string {
	if e := f.errOf(f.focus); e != "" {
		return e
	}
	for i := range f.fields {
		if e := f.errOf(i); e != "" {
			return "✗ " + cmp.Or(f.fields[i].named, f.c.T(f.fields[i].label)) + " · " + e
		}
	}
	return ""
}

// choiceText writes a provider's value (LIMITED_LIABILITY_COMPANY) as
// words a person reads.
func choiceText(v string) string { return strings.ToLower(strings.ReplaceAll(v, "_", " ")) }
