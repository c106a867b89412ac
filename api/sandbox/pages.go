package sandbox

import (
	"bytes"
	"html/template"
	"net/http"

	"github.com/onboard-cli/onboard/assets"
)

// pages holds the parsed HTML templates of the sandbox's own pages.
type pages struct {
	byName map[string]*template.Template
}

func loadPages() (*pages, error) {
	p := &pages{byName: map[string]*template.Template{}}
	for _, name := range []string{"kyc", "email", "sca"} {
		t, err := assets.Page(name)
		if err != nil {
			return nil, err
		}
		p.byName[name] = t
	}
	return p, nil
}

// render writes page name with data; it renders into a buffer first so a
// template failure never sends half a page.
func (p *pages) render(w http.ResponseWriter, name string, status int, data any) {
	var buf bytes.Buffer
	if err := p.byName[name].ExecuteTemplate(&buf, "base", data); err != nil {
		http.Error(w, "The sandbox could not draw this page.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}
