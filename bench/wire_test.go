//go:build unix

package bench

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
)

// wire is one kept-alive HTTP/1.1 connection of the load generator. It
// writes requests itself and reads answers with http.ReadResponse, so the
// generator costs little of the two cores it shares with the server it
// measures: net/http's Transport spends two goroutines, their hand-offs
// and a header map per call, which on a 2-core machine is CPU taken from
// the sandbox (wrk and h2load are lean for the same reason). The server
// side is the real net/http server either way.
type wire struct {
	addr string // host:port, also the Host header
	conn net.Conn
	r    *bufio.Reader
	req  []byte // the request being written, reused
	body []byte // the last answer's body, reused
	// location is the last answer's Location header (a redirect's target).
	location string
}

func newWire(addr string) *wire { return &wire{addr: addr} }

// do sends one request and returns the status and body of its answer; the
// body is valid until the next call. target is a path, or an absolute URL
// on this server (the links the sandbox hands out).
func (w *wire) do(method, target, token, ctype string, body []byte) (int, []byte, error) {
	if rest, ok := strings.CutPrefix(target, "http://"+w.addr); ok {
		target = rest
	} else if strings.Contains(target, "://") {
		return 0, nil, fmt.Errorf("%s is not on %s", target, w.addr)
	}
	if w.conn == nil {
		c, err := net.Dial("tcp", w.addr)
		if err != nil {
			return 0, nil, err
		}
		w.conn, w.r = c, bufio.NewReaderSize(c, 8<<10)
	}
	b := append(w.req[:0], method...)
	b = append(b, ' ')
	b = append(b, target...)
	b = append(b, " HTTP/1.1\r\nHost: "...)
	b = append(b, w.addr...)
	if token != "" {
		b = append(b, "\r\nAuthorization: Bearer "...)
		b = append(b, token...)
	}
	if body != nil {
		b = append(b, "\r\nContent-Type: "...)
		b = append(b, ctype...)
	}
	if body != nil || method == http.MethodPost {
		b = append(b, "\r\nContent-Length: "...)
		b = strconv.AppendInt(b, int64(len(body)), 10)
	}
	b = append(b, "\r\n\r\n"...)
	b = append(b, body...)
	w.req = b
	if _, err := w.conn.Write(b); err != nil {
		w.close()
		return 0, nil, err
	}
	res, err := http.ReadResponse(w.r, nil)
	if err != nil {
		w.close()
		return 0, nil, err
	}
	w.location = res.Header.Get("Location")
	w.body, err = readAll(w.body[:0], res.Body)
	res.Body.Close()
	if err != nil {
		w.close()
		return 0, nil, err
	}
	if res.Close {
		w.close()
	}
	return res.StatusCode, w.body, nil
}

// readAll appends r to buf, growing it only when it is too small.
func readAll(buf []byte, r io.Reader) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

func (w *wire) close() {
	if w.conn != nil {
		w.conn.Close()
		w.conn, w.r = nil, nil
	}
}
