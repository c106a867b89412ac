package sandbox

import (
	"net/http"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/assets"
)

// handleTerms serves GET /linkcy/api/partner/terms?language=xx: the sample
// terms in the asked language (English when it has none), with the
// current version.
func (s *Server) handleTerms(w http.ResponseWriter, r *http.Request) error {
	lang := r.URL.Query().Get("language")
	if err := pattern("language", lang, reLanguage, "a two-letter language code such as en or fr"); err != nil {
		return err
	}
	t := termsAt(s.publicBase(r), lang, s.opts.TermsVersion)
	writeJSON(w, http.StatusOK, map[string]string{"version": t.Version, "url": t.URL, "content": t.Content})
	return nil
}

// DefaultTerms are the LinkCy terms a sandbox at base with the default
// terms version serves, in lang: what the wizard shows before the
// embedded sandbox has started (they ship in assets).
func DefaultTerms(base, lang string) api.Terms {
	return termsAt(base, lang, DefaultTermsVersion)
}

// termsAt are the terms at version served from base, in lang (English
// when there are none in it).
func termsAt(base, lang, version string) api.Terms {
	text, used := assets.Terms(lang)
	return api.Terms{Version: version, URL: base + "/linkcy/api/partner/terms?language=" + used, Content: text, Lang: lang}
}
