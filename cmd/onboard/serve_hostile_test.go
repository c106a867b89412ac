package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/ssh"
)

// The wizard's first screen: a session that shows it has started.
const firstScreen = "Terms"

func TestServeWindowSize(t *testing.T) {
	l := defaultServeLimits(20)
	for _, c := range []struct{ w, h, wantW, wantH int }{
		{80, 24, 80, 24},
		{1, 1, 1, 1}, // too small: the wizard says so
		{0, 0, unknownCols, unknownRows},
		{0, 40, unknownCols, 40},
		{-1, -2147483648, unknownCols, unknownRows}, // a uint32 wrapped on a 32-bit machine
		{400, 150, 400, 150},
		{401, 151, 400, 150},
		{65535, 65535, 400, 150}, // stty rows 65535 cols 65535
		{1073741824, 1073741824, 400, 150},
		{2147483647, 2147483647, 400, 150},
		{4294967295, 100, 400, 100},
	} {
		got := l.windowSize(ssh.Window{Width: c.w, Height: c.h})
		if got.Width != c.wantW || got.Height != c.wantH {
			t.Errorf("window %d×%d: drawn at %d×%d, want %d×%d", c.w, c.h, got.Width, got.Height, c.wantW, c.wantH)
		}
	}
}

// TestServeHugeSizes asks for a pty of 1073741824², then changes the window
// to 2147483647² and 4294967295²: the server stays small and alive, and a
// 0×0 client (its size unknown) gets the wizard at 80×24.
func TestServeHugeSizes(t *testing.T) {
	s := startInServe(t, 4, time.Minute, nil)
	peak := heapPeak()

	huge, _ := dialSSH(t, s.addr)
	hugeSess := openSession(t, huge, 1073741824, 1073741824)
	waitForText(t, hugeSess.scr, firstScreen)
	for _, n := range []int{2147483647, 4294967295, 0, 1073741824} {
		if err := hugeSess.WindowChange(n, n); err != nil {
			t.Fatalf("window change to %d²: %v", n, err)
		}
	}

	unknown, _ := dialSSH(t, s.addr)
	unknownSess := openSession(t, unknown, 0, 0)
	waitForText(t, unknownSess.scr, firstScreen)
	if err := unknownSess.WindowChange(2147483647, 2147483647); err != nil {
		t.Fatal(err)
	}

	normal, _ := dialSSH(t, s.addr)
	normalSess := openSession(t, normal, 80, 24)
	waitForText(t, normalSess.scr, firstScreen)
	heap, sys := peak()
	t.Logf("peak during 1073741824², 2147483647², 4294967295² and 0×0 sessions: HeapInuse %d MiB, Sys %d MiB", heap>>20, sys>>20)
	if heap > heapBound {
		t.Errorf("HeapInuse reached %d MiB, more than %d MiB", heap>>20, heapBound>>20)
	}
	if n := s.h.count(); n != 3 {
		t.Errorf("%d sessions open, want 3", n)
	}
}

// TestServeResizeStorm has one client send ten thousand window changes,
// stop reading and vanish mid-storm, while another changes its window a
// thousand times, pressing a key now and then, and then Ctrl+C: memory
// stays bounded, the vanished client's slot is free within the idle
// timeout, the other session still answers, and the server still starts
// sessions.
func TestServeResizeStorm(t *testing.T) {
	const idle, storm = 10 * time.Second, 10000
	s := startInServe(t, 2, idle, nil)

	gone, goneConn := dialSSH(t, s.addr)
	goneSess := openSession(t, gone, 80, 24)
	waitForText(t, goneSess.scr, firstScreen)
	stays, _ := dialSSH(t, s.addr)
	staysSess := openSession(t, stays, 80, 24)
	waitForText(t, staysSess.scr, firstScreen)

	peak := heapPeak()
	sent := 0
	for i := range storm {
		if i == storm/2 {
			goneConn.stalled.Store(true) // what the server writes now stays in the socket
		}
		n := 1 + i*7919%2147483647
		if err := goneSess.WindowChange(n%600, n); err != nil {
			break
		}
		sent++
		if i%10 != 0 {
			continue
		}
		if err := staysSess.WindowChange(24+i%40, 80+i%200); err != nil {
			t.Fatalf("window change %d on the session that stays: %v", i, err)
		}
		if i%1000 == 0 { // a key now and then: the person is there, the session is not idle
			if _, err := io.WriteString(staysSess.keys, "j"); err != nil {
				t.Fatal(err)
			}
		}
	}
	goneConn.vanish()
	waitUntil(t, idle, "the vanished client's slot freed", func() bool { return s.h.count() == 1 })

	if _, err := io.WriteString(staysSess.keys, "\x03"); err != nil { // Ctrl+C
		t.Fatal(err)
	}
	waitForText(t, staysSess.scr, "Session ended; nothing was kept")
	waitUntil(t, idle, "every slot free", func() bool { return s.h.count() == 0 })
	heap, sys := peak()
	t.Logf("%d window changes from a client that vanished mid-storm, a tenth as many from one that stayed: peak HeapInuse %d MiB, Sys %d MiB; slots after: %d",
		sent, heap>>20, sys>>20, s.h.count())
	if sent < storm/2 {
		t.Errorf("the storm stopped after %d window changes: the server stopped reading", sent)
	}
	if heap > heapBound {
		t.Errorf("HeapInuse reached %d MiB, more than %d MiB", heap>>20, heapBound>>20)
	}

	after, _ := dialSSH(t, s.addr)
	afterSess := openSession(t, after, 80, 24)
	waitForText(t, afterSess.scr, firstScreen)
}

// TestServeStalledClient stops reading without closing its connection:
// what the server writes stays in the socket, and the session is closed at
// the idle timeout all the same.
func TestServeStalledClient(t *testing.T) {
	const idle = 2 * time.Second
	s := startInServe(t, 1, idle, nil)
	c, conn := dialSSH(t, s.addr)
	sess := openSession(t, c, 400, 150)
	waitForText(t, sess.scr, firstScreen)
	conn.stalled.Store(true)
	for i := range 50 { // each a redraw the client never reads
		if err := sess.WindowChange(149+i%2, 399+i%2); err != nil {
			t.Fatal(err)
		}
	}
	// Freed at the idle timeout, or after the quit grace when the program
	// is stuck writing; the rest is slack for a loaded machine.
	waitUntil(t, idle+s.h.limits.quitGrace+5*time.Second, "the stalled client's slot freed", func() bool { return s.h.count() == 0 })

	again, _ := dialSSH(t, s.addr)
	later := openSession(t, again, 80, 24)
	waitForText(t, later.scr, firstScreen)
}

// TestServeProgramThatWillNotStop runs a session whose program blocks on
// every write (a client that takes nothing, once the SSH window is full):
// at the idle timeout it is told to quit, and after the grace it is killed
// and its connection closed, so that the session ends all the same.
func TestServeProgramThatWillNotStop(t *testing.T) {
	h := &sessionHost{idle: 500 * time.Millisecond, max: 1, log: slog.New(slog.DiscardHandler), limits: defaultServeLimits(1)}
	h.limits.quitGrace = 500 * time.Millisecond
	ended := make(chan sessionEnd, 1)
	srv := &ssh.Server{Handler: func(sess ssh.Session) {
		_, windows, _ := sess.Pty()
		in := &activityReader{r: sess}
		in.touch()
		p := tea.NewProgram(stillModel{}, tea.WithContext(sess.Context()), tea.WithInput(in),
			tea.WithOutput(blockedWriter{sess.Context()}), tea.WithWindowSize(80, 24))
		ended <- h.run(sess, p, windows, in)
	}}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	c, _ := dialSSH(t, ln.Addr().String())
	sess := openSession(t, c, 80, 24)
	select {
	case end := <-ended:
		if !end.idled || !end.gone {
			t.Errorf("the session ended %+v, want idled and cut off", end)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("a program that would not stop kept its session for 30s")
	}
	if err := sess.Wait(); err == nil {
		t.Error("the client's session ended cleanly; its connection should have been closed")
	}
}

// stillModel is a program that draws one line and waits.
type stillModel struct{}

func (stillModel) Init() tea.Cmd                         { return nil }
func (m stillModel) Update(tea.Msg) (tea.Model, tea.Cmd) { return m, nil }
func (stillModel) View() tea.View                        { return tea.NewView("waiting") }

// blockedWriter takes nothing until ctx ends, like a client that stopped
// reading once its SSH window is full.
type blockedWriter struct{ ctx context.Context }

func (w blockedWriter) Write([]byte) (int, error) {
	<-w.ctx.Done()
	return 0, w.ctx.Err()
}

// TestServeSilentConnections opens raw TCP connections that send nothing:
// those beyond the cap are closed at once, the others when the handshake
// time is up, and then a session starts.
func TestServeSilentConnections(t *testing.T) {
	const pending, silent, handshake = 4, 12, 2 * time.Second
	s := startInServe(t, 2, time.Minute, func(l *serveLimits) { l.pending, l.handshake = pending, handshake })
	conns := make([]net.Conn, silent)
	for i := range conns {
		c, err := net.Dial("tcp", s.addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns[i] = c
	}
	banners := 0
	for i, c := range conns {
		_ = c.SetReadDeadline(time.Now().Add(handshake + 20*time.Second)) // a guard: the server must close first
		got, err := io.ReadAll(c)
		if errors.Is(err, os.ErrDeadlineExceeded) {
			t.Fatalf("silent connection %d was still open after %s", i, handshake+20*time.Second)
		}
		if strings.HasPrefix(string(got), "SSH-2.0-onboard_") {
			banners++
		}
	}
	if banners != pending {
		t.Errorf("%d of %d silent connections were let in, want %d (the cap)", banners, silent, pending)
	}
	if n := s.h.gate.count(); n != 0 {
		t.Errorf("%d connections still counted as waiting", n)
	}
	if !strings.Contains(s.logs.String(), "connections refused: too many not yet in a session") {
		t.Errorf("the refused connections were not logged; log:\n%s", s.logs.String())
	}
	if !strings.Contains(s.logs.String(), "no session started in time") {
		t.Errorf("no silent connection was closed for its handshake time; log:\n%s", s.logs.String())
	}
	c, _ := dialSSH(t, s.addr)
	sess := openSession(t, c, 80, 24)
	waitForText(t, sess.scr, firstScreen)
}

// TestServePreSessionFlood sends environment variables, which the SSH
// library keeps, until the server cuts the connection.
func TestServePreSessionFlood(t *testing.T) {
	s := startInServe(t, 2, time.Minute, nil)
	c, _ := dialSSH(t, s.addr)
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	value := strings.Repeat("x", 32<<10)
	sent := 0
	for ; sent < 1000; sent++ {
		if err := sess.Setenv("FLOOD", value); err != nil {
			break
		}
	}
	if sent == 1000 {
		t.Fatalf("the server took %d MiB of environment before any session", sent*len(value)>>20)
	}
	t.Logf("cut after %d variables of 32 KiB", sent)
	again, _ := dialSSH(t, s.addr)
	later := openSession(t, again, 80, 24)
	waitForText(t, later.scr, firstScreen)
}

// TestServeChannelsPerConnection opens session channels on one connection
// without starting them: beyond the limit they are refused, and one closed
// makes room for another.
func TestServeChannelsPerConnection(t *testing.T) {
	s := startInServe(t, 2, time.Minute, func(l *serveLimits) { l.channelsPerConn = 3 })
	c, _ := dialSSH(t, s.addr)
	var open []io.Closer
	for range 3 {
		sess, err := c.NewSession()
		if err != nil {
			t.Fatalf("session channel %d of 3: %v", len(open)+1, err)
		}
		open = append(open, sess)
	}
	if _, err := c.NewSession(); err == nil || !strings.Contains(err.Error(), "at most 3 sessions") {
		t.Fatalf("a 4th session channel on one connection: %v, want refused", err)
	}
	_ = open[0].Close()
	waitUntil(t, 10*time.Second, "a closed channel makes room", func() bool {
		sess, err := c.NewSession()
		if err == nil {
			_ = sess.Close()
		}
		return err == nil
	})
}

// TestServeRefusedConnectionCloses: a client refused because the server
// is full is told so and its connection closed; window changes it sends
// after the refusal cannot hold a connection open, and the one session
// that runs is untouched.
func TestServeRefusedConnectionCloses(t *testing.T) {
	s := startInServe(t, 1, time.Minute, nil)
	first, _ := dialSSH(t, s.addr)
	running := openSession(t, first, 80, 24)
	waitForText(t, running.scr, firstScreen)

	c, _ := dialSSH(t, s.addr)
	refused := openSession(t, c, 80, 24) // told on its stderr, which nobody reads here
	// Each change would wait in the SSH library's queue if nobody read it.
	for i := range 200 {
		if refused.WindowChange(24+i%2, 80) != nil {
			break // the connection is already gone
		}
	}
	closed := make(chan error, 1)
	go func() { closed <- c.Wait() }()
	select {
	case <-closed:
	case <-time.After(30 * time.Second):
		t.Fatal("the refused connection is still open")
	}
	if s.h.count() != 1 {
		t.Errorf("%d sessions, want the first one still running", s.h.count())
	}
	if err := running.WindowChange(30, 100); err != nil {
		t.Errorf("the running session no longer takes window changes: %v", err)
	}
}
