package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// keyOf is the catalog key an expression gives at run time: literals as
// they are, anything else a %s.
func keyOf(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind == token.STRING {
			s, _ := strconv.Unquote(e.Value)
			return s
		}
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			return keyOf(e.X) + keyOf(e.Y)
		}
	case *ast.ParenExpr:
		return keyOf(e.X)
	case *ast.CallExpr:
		if sel, ok := e.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Sprintf" && len(e.Args) > 0 {
			return keyOf(e.Args[0])
		}
	}
	return "%s"
}

// wizardText is every text the wizard's own code hands to the printer:
// T and F calls, line mode's say, and its prompts' questions (Ask, Confirm).
func wizardText(t *testing.T) map[string]string {
	t.Helper()
	keys := map[string]string{}
	var files []string
	for _, glob := range []string{"../../tui/*.go", "../../line/*.go", "../../cmd/onboard/*.go"} {
		m, _ := filepath.Glob(glob)
		files = append(files, m...)
	}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || strings.Contains(f, "agent") {
			continue // the agent console is the partner's staff's, in English
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			var k string
			switch sel.Sel.Name {
			case "T", "F", "say":
				k = keyOf(call.Args[0])
			case "ask", "Ask":
				if len(call.Args) > 1 {
					k = keyOf(call.Args[1])
				}
			case "confirm", "Confirm":
				if len(call.Args) > 1 {
					k = keyOf(call.Args[1]) + " [y/n]"
				}
			default:
				return true
			}
			if k == "%s [y/n]" {
				return true // the confirmation's frame: each question is a key of its own with it
			}
			if strings.IndexFunc(strings.ReplaceAll(k, "%s", ""), unicode.IsLetter) >= 0 {
				keys[k] = fset.Position(call.Pos()).String()
			}
			return true
		})
	}
	return keys
}

// TestFrenchCoversTheWizard: every text the wizard says has its French.
func TestFrenchCoversTheWizard(t *testing.T) {
	fr := french()
	var missing []string
	keys := wizardText(t)
	for _, k := range []string{"First name:", "Last name:", "The 6-digit code sent by %s (r for a new one):",
		"Progress saved — run onboard again to continue.", "Demo stopped; nothing was kept. onboard --demo starts a new one.", "onboarding stopped"} {
		keys[k] = "a question the runner builds" // built from a label, out of the scanner's sight
	}
	for _, k := range []string{"Connection trouble; retrying in %s.", "The provider asks to slow down; trying again in %s."} {
		keys[k] = "flow.RetryNotice" // the front ends say what flow decides
		keys["• "+k] = "flow.RetryNotice, in line mode"
	}
	for k, where := range keys {
		if _, ok := fr[k]; !ok {
			missing = append(missing, strconv.Quote(k)+"  // "+where)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("%d texts have no French:\n%s", len(missing), strings.Join(missing, "\n"))
	}
}
