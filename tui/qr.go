package tui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/mdp/qrterminal/v3"
)

// qrCode is a link drawn as a half-block QR code, rendered once per link.
type qrCode struct {
	url   string
	level string
	w, h  int
	// painted is the code in qrStyle, ready to draw: painting it costs
	// more than all the rest of the KYC screen's View.
	painted string
}

// newQRCodes renders url at level M and level L (smaller), with a quiet
// zone of 2 modules. Light modules are █ and dark ones spaces: the caller
// paints them with explicit colours (qrStyle).
func newQRCodes(url string) []qrCode {
	var out []qrCode
	for _, lv := range []struct {
		name  string
		level qrterminal.Config
	}{{"M", qrterminal.Config{Level: qrterminal.M}}, {"L", qrterminal.Config{Level: qrterminal.L}}} {
		var b strings.Builder
		cfg := lv.level
		cfg.Writer, cfg.HalfBlocks, cfg.QuietZone = &b, true, 2
		cfg.BlackChar, cfg.WhiteChar = qrterminal.BLACK_BLACK, qrterminal.WHITE_WHITE
		cfg.BlackWhiteChar, cfg.WhiteBlackChar = qrterminal.BLACK_WHITE, qrterminal.WHITE_BLACK
		qrterminal.GenerateWithConfig(url, cfg)
		lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
		w := 0
		for _, l := range lines {
			w = max(w, lipgloss.Width(l))
		}
		// Every line padded to the same width, so the colours make a clean
		// square, and painted.
		st := qrStyle()
		for i, l := range lines {
			lines[i] = st.Render(l + strings.Repeat(qrterminal.WHITE_WHITE, w-lipgloss.Width(l)))
		}
		out = append(out, qrCode{url: url, level: lv.name, w: w, h: len(lines), painted: strings.Join(lines, "\n")})
	}
	return out
}

// fit returns the largest code that fits in w×h.
func fit(codes []qrCode, w, h int) (qrCode, bool) {
	for _, c := range codes {
		if c.w <= w && c.h <= h {
			return c, true
		}
	}
	return qrCode{}, false
}

// render is the code, painted (light modules white, dark ones black).
func (q qrCode) render() string { return q.painted }

// smallest is the size the smallest code needs, for the "too small" hint.
func smallest(codes []qrCode) (w, h int) {
	if len(codes) == 0 {
		return 0, 0
	}
	c := codes[len(codes)-1]
	return c.w, c.h
}
