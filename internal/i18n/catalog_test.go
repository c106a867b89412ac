package i18n

import (
	"fmt"
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

// keyOf is the catalog key an expression gives at run time: literals and
// the package's string constants as they are, anything else a %s.
func keyOf(e ast.Expr, consts map[string]string) string {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind == token.STRING {
			s, _ := strconv.Unquote(e.Value)
			return s
		}
	case *ast.Ident:
		if s, ok := consts[e.Name]; ok {
			return s
		}
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			return keyOf(e.X, consts) + keyOf(e.Y, consts)
		}
	case *ast.ParenExpr:
		return keyOf(e.X, consts)
	}
	return "%s"
}

// constants are the string constants declared in files.
func constants(files []*ast.File) map[string]string {
	out := map[string]string{}
	for _, f := range files {
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				v := spec.(*ast.ValueSpec)
				for i, name := range v.Names {
					if i < len(v.Values) {
						if lit, ok := v.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
							out[name.Name], _ = strconv.Unquote(lit.Value)
						}
					}
				}
			}
		}
	}
	return out
}

// parse reads the non-test Go files of the globs, the agent console's
// aside (it is the partner's staff's, in English).
func parse(t *testing.T, fset *token.FileSet, globs ...string) []*ast.File {
	t.Helper()
	var out []*ast.File
	for _, glob := range globs {
		m, _ := filepath.Glob(glob)
		for _, f := range m {
			if strings.HasSuffix(f, "_test.go") || strings.Contains(f, "agent") {
				continue
			}
			file, err := parser.ParseFile(fset, f, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, file)
		}
	}
	return out
}

// wizardText is every text the wizard hands to the printer (T and F
// calls, line mode's say), every sentence flow builds for a person (Say)
// and every keyed error (i18n.Errorf); questions (Ask, Confirm) must come translated and T takes no
// verbs, so a call that breaks either is reported in misuses.
func wizardText(t *testing.T) (keys map[string]string, misuses []string) {
	t.Helper()
	keys = map[string]string{}
	fset := token.NewFileSet()
	files := parse(t, fset, "../../tui/*.go", "../../line/*.go", "../../cmd/onboard/*.go", "../../flow/*.go", "../../api/*/connect.go")
	consts := constants(files)
	hasWords := func(k string) bool {
		return strings.IndexFunc(strings.NewReplacer("%s", "", "%d", "", "%q", "", "%v", "").Replace(k), unicode.IsLetter) >= 0
	}
	for _, file := range files {
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			var name string
			switch fn := call.Fun.(type) {
			case *ast.SelectorExpr:
				name = fn.Sel.Name
				if x, ok := fn.X.(*ast.Ident); ok && x.Name == "i18n" && name == "Errorf" {
					name = "say" // a keyed error (errors.go)
				}
			case *ast.Ident:
				name = fn.Name
			}
			where := fset.Position(call.Pos()).String()
			switch name {
			case "T", "F", "say", "Say":
				k := keyOf(call.Args[0], consts)
				if hasWords(k) {
					keys[k] = where
				}
				if name == "T" && hasWords(k) && strings.ContainsRune(k, '%') {
					misuses = append(misuses, where+": T takes no verbs; F formats")
				}
			case "add", "addChoice": // an organisation form's field (tui/org_form.go): its label and example
				if x, ok := call.Fun.(*ast.SelectorExpr); !ok || fmt.Sprint(x.X) != "f" {
					break
				}
				for i, a := range call.Args[:min(2, len(call.Args))] {
					if k := keyOf(a, consts); hasWords(k) && (i == 0 || name == "add") {
						keys[k] = where
					}
				}
			case "sayWrapping":
				if len(call.Args) > 1 && hasWords(keyOf(call.Args[1], consts)) {
					keys[keyOf(call.Args[1], consts)] = where
				}
			case "Ask", "Confirm":
				if len(call.Args) > 1 && hasWords(keyOf(call.Args[1], consts)) {
					misuses = append(misuses, where+": a question goes to Ask or Confirm in the person's language (T or F), not as a literal")
				}
			}
			return true
		})
	}
	return keys, misuses
}

// TestFrenchCoversTheWizard: every text the wizard says has its French.
func TestFrenchCoversTheWizard(t *testing.T) {
	fr := french()
	var missing []string
	keys, misuses := wizardText(t)
	if len(keys) < 300 {
		t.Fatalf("only %d texts found: the scanner is broken", len(keys))
	}
	for _, where := range misuses {
		t.Error(where)
	}
	for _, k := range []string{"Connection trouble; retrying in %s.", "The provider asks to slow down; trying again in %s."} {
		keys[k] = "flow.RetryNotice" // a format flow returns, out of the scanner's sight
	}
	// The words of huh's file picker that tui/kyc_documents.go translates
	// (its keys' help), out of the scanner's sight too.
	for _, k := range []string{"up", "down", "open", "close", "select", "back", "next", "first", "last", "go to start", "go to end"} {
		keys[k] = "tui documents.keys (huh's file picker)"
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
