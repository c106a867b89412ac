package sandboxrun

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestSandboxAddresses: the list keeps the newest address first, once,
// and only a few; a file that is not a list is no list.
func TestSandboxAddresses(t *testing.T) {
	dir := t.TempDir()
	if got := loadSandboxAddresses(dir); len(got.Bases) != 0 {
		t.Fatalf("no file: %v", got.Bases)
	}
	for i := range keptAddresses + 3 {
		if err := loadSandboxAddresses(dir).save(dir, fmt.Sprintf("http://127.0.0.1:%d", 40000+i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := loadSandboxAddresses(dir).save(dir, "http://127.0.0.1:40005"); err != nil {
		t.Fatal(err)
	}
	got := loadSandboxAddresses(dir).Bases
	if len(got) != keptAddresses || got[0] != "http://127.0.0.1:40005" || got[1] != "http://127.0.0.1:40010" || slices.Index(got[1:], got[0]) >= 0 {
		t.Fatalf("the list: %v", got)
	}
	if info, err := os.Stat(filepath.Join(dir, sandboxAddressesFile)); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("the file: %v, %v", info, err)
	}
	if err := os.WriteFile(filepath.Join(dir, sandboxAddressesFile), []byte(`{"bases": 7}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := loadSandboxAddresses(dir); len(got.Bases) != 0 {
		t.Fatalf("a file that is not a list: %v", got.Bases)
	}
}
