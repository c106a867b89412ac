package i18n

import "testing"

// TestFrenchPartsDisjoint fails when one English sentence is translated in
// two parts of the catalog: french would keep one of them silently.
func TestFrenchPartsDisjoint(t *testing.T) {
	seen := map[string]string{}
	parts := map[string]map[string]string{
		"core": frenchCore(), "team": frenchTeam(), "trust": frenchTrust(),
		"ux": frenchUX(), "commands": frenchCommands(),
	}
	for name, part := range parts {
		for en := range part {
			if other, ok := seen[en]; ok {
				t.Errorf("%q is translated in both %s and %s", en, other, name)
			}
			seen[en] = name
		}
	}
	if len(french()) != len(seen) {
		t.Errorf("french() has %d entries, the parts %d", len(french()), len(seen))
	}
}
