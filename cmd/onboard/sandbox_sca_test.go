package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestSandboxSCAFlag: --sca takes push, join-code or off, and anything
// else is a usage error that says the choices, before anything listens.
func TestSandboxSCAFlag(t *testing.T) {
	var out, errb bytes.Buffer
	code := execute(t, t.TempDir(), strings.NewReader(""), &out, &errb, "sandbox", "--sca", "sms", "--db", ":memory:", "--addr", "127.0.0.1:0")
	if code != exitUsage || !strings.Contains(errb.String(), "use push, join-code or off") {
		t.Fatalf("--sca sms: exit %d\n%s", code, errb.String())
	}
}
