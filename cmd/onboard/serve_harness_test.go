package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"
)

// heapBound is what the whole test process (server and hostile clients)
// may hold while a client does its worst.
const heapBound = 100 << 20

// inServe is `onboard serve` running in this process, as runServe sets it
// up, so that a test can read its heap and its sessions.
type inServe struct {
	addr string
	h    *sessionHost
	logs *syncBuffer
}

// startInServe serves sessions on a free loopback port, with the embedded
// sandbox in memory, an idle timeout of idle and limits tuned by tune.
func startInServe(t *testing.T, maxSessions int, idle time.Duration, tune func(*serveLimits)) inServe {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	srv, base, stopSandbox, err := startEmbedded(ctx, embedded{db: ":memory:", sessions: true})
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	h := &sessionHost{
		sandboxBase: base, partner: srv.PartnerName(), hc: newHTTPClient(),
		idle: idle, max: maxSessions, log: slog.New(slog.NewTextHandler(logs, nil)), limits: defaultServeLimits(maxSessions),
		tr: (&env{}).printer("en"),
	}
	if tune != nil {
		tune(&h.limits)
	}
	server, err := newSSHServer(filepath.Join(t.TempDir(), "host_key"), h)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = server.Serve(ln) }()
	t.Cleanup(func() {
		_ = server.Close()
		stopSandbox()
		cancel()
		if t.Failed() {
			t.Logf("server log:\n%s", logs.String())
		}
	})
	return inServe{addr: ln.Addr().String(), h: h, logs: logs}
}

// syncBuffer is a log the server writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// hostileConn is a client's TCP connection that can stop reading (the
// server's writes then pile up in the socket) and vanish.
type hostileConn struct {
	net.Conn
	stalled atomic.Bool
	gone    chan struct{}
	once    sync.Once
}

func (c *hostileConn) Read(b []byte) (int, error) {
	if c.stalled.Load() {
		<-c.gone
		return 0, net.ErrClosed
	}
	return c.Conn.Read(b)
}

// vanish closes the TCP connection, without reading what is waiting in it.
func (c *hostileConn) vanish() {
	c.once.Do(func() { close(c.gone) })
	_ = c.Conn.Close()
}

// dialSSH is an SSH client of addr over a hostileConn.
func dialSSH(t *testing.T, addr string) (*gossh.Client, *hostileConn) {
	t.Helper()
	raw, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	hc := &hostileConn{Conn: raw, gone: make(chan struct{})}
	t.Cleanup(hc.vanish)
	cfg := &gossh.ClientConfig{User: "hostile", HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second}
	c, chans, reqs, err := gossh.NewClientConn(hc, addr, cfg)
	if err != nil {
		t.Fatalf("SSH handshake with %s: %v", addr, err)
	}
	return gossh.NewClient(c, chans, reqs), hc
}

// screen is what a session has drawn so far.
type screen struct {
	mu  sync.Mutex
	b   bytes.Buffer
	got chan struct{} // a token each time something is drawn
}

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	s.b.Write(p)
	s.mu.Unlock()
	select {
	case s.got <- struct{}{}:
	default:
	}
	return len(p), nil
}

func (s *screen) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// session is a hostile client's session: its keyboard and its screen.
type session struct {
	*gossh.Session
	keys io.WriteCloser
	scr  *screen
}

// openSession starts a shell session with a pty of cols×rows on c, its
// output going to its screen.
func openSession(t *testing.T, c *gossh.Client, cols, rows int) session {
	t.Helper()
	return openSessionEnv(t, c, cols, rows)
}

// openSessionEnv is openSession sending env ("LANG=fr_FR.UTF-8") first,
// as OpenSSH's SendEnv does.
func openSessionEnv(t *testing.T, c *gossh.Client, cols, rows int, env ...string) session {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		if err := sess.Setenv(k, v); err != nil {
			t.Fatalf("env %s: %v", k, err)
		}
	}
	if err := sess.RequestPty("xterm-256color", rows, cols, gossh.TerminalModes{}); err != nil {
		t.Fatalf("pty of %d×%d: %v", cols, rows, err)
	}
	scr := &screen{got: make(chan struct{}, 1)}
	sess.Stdout = scr
	sess.Stderr = io.Discard
	keys, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	return session{Session: sess, keys: keys, scr: scr}
}

// waitForText waits until scr shows text (the wizard's first screen, say),
// or fails the test after a generous deadline.
func waitForText(t *testing.T, scr *screen, text string) {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for !strings.Contains(ansi.Strip(scr.String()), text) {
		select {
		case <-scr.got:
		case <-deadline:
			t.Fatalf("the session never showed %q; it drew:\n%q", text, tail(ansi.Strip(scr.String()), 2000))
		}
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// waitUntil polls cond until it holds, failing with what after within.
func waitUntil(t *testing.T, within time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %s", what, within)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// heapPeak samples the process's memory until stop is called, and
// returns the highest HeapInuse and Sys seen.
func heapPeak() (stop func() (heapInuse, sys uint64)) {
	done := make(chan struct{})
	var peakHeap, peakSys uint64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			peakHeap, peakSys = max(peakHeap, ms.HeapInuse), max(peakSys, ms.Sys)
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() (uint64, uint64) {
		close(done)
		wg.Wait()
		return peakHeap, peakSys
	}
}
