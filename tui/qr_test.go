package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"rsc.io/qr"
)

// TestQRModules reads the half-block drawing back into modules and checks
// it against the QR code itself: every module in place, dark modules as
// spaces (painted dark by qrStyle) and a quiet zone of at least 2.
func TestQRModules(t *testing.T) {
	const url = "http://127.0.0.1:41234/sandbox/kyc/OKok30Qb5TPufk_Vq9reNQSub69ljr2S"
	codes := newQRCodes(url)
	if len(codes) != 2 || codes[0].level != "M" || codes[1].level != "L" {
		t.Fatalf("codes %v", codes)
	}
	for i, lv := range []qr.Level{qr.M, qr.L} {
		q := codes[i]
		want, err := qr.Encode(url, lv)
		if err != nil {
			t.Fatal(err)
		}
		// light[y][x] as drawn: each character is two modules, top and bottom.
		var light [][]bool
		for _, line := range strings.Split(ansi.Strip(q.render()), "\n") {
			top, bottom := []bool{}, []bool{}
			for _, r := range line {
				switch r {
				case '█':
					top, bottom = append(top, true), append(bottom, true)
				case ' ':
					top, bottom = append(top, false), append(bottom, false)
				case '▀':
					top, bottom = append(top, true), append(bottom, false)
				case '▄':
					top, bottom = append(top, false), append(bottom, true)
				default:
					t.Fatalf("unexpected %q in the QR drawing", r)
				}
			}
			if len(top) != q.w {
				t.Fatalf("level %s: a line is %d wide, want %d", q.level, len(top), q.w)
			}
			light = append(light, top, bottom)
		}
		// Find the top-left module: the first dark one in the first dark row.
		oy := -1
		for y := range light {
			if strings.Contains(fmtRow(light[y]), "#") {
				oy = y
				break
			}
		}
		ox := strings.Index(fmtRow(light[oy]), "#")
		if ox < 2 || oy < 2 {
			t.Fatalf("level %s: quiet zone %d×%d, want at least 2", q.level, ox, oy)
		}
		for y := 0; y < want.Size; y++ {
			for x := 0; x < want.Size; x++ {
				if light[oy+y][ox+x] == want.Black(x, y) {
					t.Fatalf("level %s: module (%d,%d) is wrong", q.level, x, y)
				}
			}
		}
		if q.w < want.Size+4 {
			t.Fatalf("level %s: %d wide for %d modules: no room for the quiet zone", q.level, q.w, want.Size)
		}
	}
	if codes[1].w > 40 || codes[1].h > 20 {
		t.Errorf("level L is %d×%d: it no longer fits 80×24 beside the text", codes[1].w, codes[1].h)
	}
}

func fmtRow(row []bool) string {
	var b strings.Builder
	for _, l := range row {
		if l {
			b.WriteByte('.')
		} else {
			b.WriteByte('#')
		}
	}
	return b.String()
}
