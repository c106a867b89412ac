// Package assets holds the data embedded in the binary: the LinkCy calling
// codes, the sample terms and conditions, and the sandbox's HTML pages.
package assets

import (
	"bufio"
	"embed"
	"fmt"
	"html/template"
	"strings"
)

//go:embed callingcodes.txt terms/*.md pages/*.html
var files embed.FS

// CallingCodes returns LinkCy's accepted calling codes (its onboarding
// guide), without "+", in the guide's order.
func CallingCodes() []string {
	data, err := files.ReadFile("callingcodes.txt")
	if err != nil {
		panic(fmt.Sprintf("assets: callingcodes.txt is not embedded: %v", err)) // a build defect, not a runtime condition
	}
	var codes []string
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		codes = append(codes, line)
	}
	return codes
}

// TermsLanguages are the languages the sample terms exist in.
func TermsLanguages() []string { return []string{"en", "fr"} }

// Terms returns the sample terms and conditions in lang, falling back to
// English for a language it does not have. It reports the language used.
func Terms(lang string) (text, used string) {
	for _, l := range TermsLanguages() {
		if l == lang {
			used = l
		}
	}
	if used == "" {
		used = "en"
	}
	data, err := files.ReadFile("terms/" + used + ".md")
	if err != nil {
		panic(fmt.Sprintf("assets: terms/%s.md is not embedded: %v", used, err))
	}
	return string(data), used
}

// Page parses one of the sandbox's HTML page templates.
func Page(name string) (*template.Template, error) {
	t, err := template.ParseFS(files, "pages/base.html", "pages/"+name+".html")
	if err != nil {
		return nil, fmt.Errorf("assets: page %s: %w", name, err)
	}
	return t, nil
}
