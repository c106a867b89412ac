package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTmuxCrash forces a panic (a crashtest build, F12) in a screen's
// Update, in a command and in View of the running wizard: each time the
// terminal comes back usable, one line says what happened and where the
// details are, the stack is in the debug log and not on the screen, and a
// second run resumes where the first stopped.
func TestTmuxCrash(t *testing.T) {
	for _, where := range []string{"update", "cmd", "view"} {
		t.Run(where, func(t *testing.T) {
			tm := startBinary(t, `ONBOARD_CRASHTEST=`+where+` %[2]s --debug %[1]s/debug.log
echo "EXIT=$?"
stty -a | grep -o -- '-\?echo ' | head -1
read -r _
%[2]s --debug %[1]s/debug2.log
`, "crashtest") // read: the second run waits until stty's answer is read off the screen
			tm.waitFor("Press a to accept")
			tm.keys("a")
			tm.waitFor("Your mobile number")
			tm.press("F12")
			s := tm.waitFor("EXIT=")
			joined := strings.Join(strings.Fields(s), " ") // the line is wrapped at spaces to 80 columns
			if !strings.Contains(s, "EXIT=1") || !strings.Contains(joined, "onboard: an internal error stopped onboard (the details are in "+tm.dir+"/debug.log)") ||
				!strings.Contains(joined, "your progress is kept: run onboard again to resume") {
				t.Fatalf("after the crash:\n%s", s)
			}
			if strings.Contains(s, "goroutine") || strings.Contains(s, "crashtest:") || strings.Contains(s, "secret-0000") {
				t.Fatalf("the crash's details are on the screen:\n%s", s)
			}
			if s := tm.waitFor("echo"); !strings.Contains(s, "\necho\n") || strings.Contains(s, "-echo") {
				t.Errorf("the terminal does not echo after the crash:\n%s", tm.screen())
			}
			tm.press("Enter")
			// The second run resumes: the terms were accepted before the crash.
			tm.waitFor("Resuming where you left off")
			tm.press("C-c")
			logs, _ := os.ReadFile(filepath.Join(tm.dir, "debug.log"))
			if !strings.Contains(string(logs), "crashtest: in") || !strings.Contains(string(logs), "goroutine") {
				t.Errorf("the debug log lacks the crash:\n%.2000s", logs)
			}
		})
	}
}
