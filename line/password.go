package line

import (
	"io"
	"strings"

	"github.com/onboard-cli/onboard/internal/i18n"
)

// ReadPasswordLine reads the first line of r (--password-stdin), a byte at
// a time so that the rest of stdin is left for the line prompts.
func ReadPasswordLine(r io.Reader) (string, error) {
	var b strings.Builder
	buf := make([]byte, 1)
	for b.Len() < 4096 {
		n, err := r.Read(buf)
		if n == 1 {
			if buf[0] == '\n' {
				break
			}
			b.WriteByte(buf[0])
		}
		if err != nil {
			break
		}
	}
	pw := strings.TrimRight(b.String(), "\r")
	if pw == "" {
		return "", i18n.Errorf("--password-stdin: stdin gave no password (pipe it in: echo \"$PASSWORD\" | onboard …)")
	}
	return pw, nil
}
