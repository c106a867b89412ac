package main

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"
	"charm.land/wish/v2"
	"charm.land/wish/v2/bubbletea"
	"github.com/charmbracelet/ssh"

	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/tui"
)

// sessionHost runs one wizard per SSH session against the shared sandbox
// at sandboxBase, each as its own session partner.
type sessionHost struct {
	sandboxBase, partner string
	hc                   *http.Client
	demo                 bool
	idle                 time.Duration
	max                  int
	log                  *log.Logger

	mu     sync.Mutex
	active int
}

// middleware is the SSH handler: a wizard, or a sentence saying why not.
func (h *sessionHost) middleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		h.serve(sess)
		next(sess)
	}
}

func (h *sessionHost) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.active
}

func (h *sessionHost) acquire() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.active >= h.max {
		return false
	}
	h.active++
	return true
}

func (h *sessionHost) release() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.active--
}

func (h *sessionHost) serve(sess ssh.Session) {
	if !h.acquire() {
		h.log.Warn("session refused: full", "remote", sess.RemoteAddr(), "max", h.max)
		wish.Fatalf(sess, "onboard serve is full (%d sessions). Try again in a few minutes.\n", h.max)
		return
	}
	defer h.release()
	started := time.Now()
	// A panic ends this session with a sentence, never the server.
	defer func() {
		if r := recover(); r != nil {
			h.log.Error("session crashed", "remote", sess.RemoteAddr(), "panic", fmt.Sprint(r))
			wish.Fatalln(sess, "\nSomething went wrong in this session and it was closed. Connect again to start afresh.")
		}
	}()
	pty, windows, ok := sess.Pty()
	if !ok {
		wish.Fatalln(sess, "onboard needs a terminal: connect with ssh -t.")
		return
	}
	// The session's tenant of the shared sandbox; its name is the
	// capability to its data, so the log gets only its TenantID.
	partner := sandbox.NewSessionPartner(h.partner)
	t := &target{close: func() {}, embedded: true}
	if err := t.connect(h.sandboxBase+"/linkcy/", partner, h.sandboxBase, h.hc, nil); err != nil {
		wish.Fatalln(sess, "onboard: "+err.Error())
		return
	}
	getenv := environ(sess.Environ())
	f := wizardFlags{demo: h.demo}
	if h.demo {
		samplePerson(&f, rand.IntN)
	}
	s := settings{Lang: setting{Value: "en"}}
	st, _, _ := startState(t, s, f) // no progress file: a session keeps nothing
	app := tui.New(sess.Context(), tuiOptions(getenv, s, f, t, st, ""))
	h.log.Info("session started", "remote", sess.RemoteAddr(), "term", pty.Term,
		"size", fmt.Sprintf("%d×%d", pty.Window.Width, pty.Window.Height), "tenant", sandbox.TenantID(partner))

	in := &activityReader{r: sess}
	in.touch()
	p := tea.NewProgram(app, append(bubbletea.MakeOptions(sess), tea.WithContext(sess.Context()), tea.WithInput(in), tea.WithFPS(tui.FPS))...)
	var idled atomic.Bool
	done := make(chan struct{})
	go func() {
		tick := time.NewTicker(h.idle / 10)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case w := <-windows:
				p.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
			case <-tick.C:
				if in.since() >= h.idle {
					idled.Store(true)
					p.Quit()
					return
				}
			}
		}
	}()
	_, err := p.Run()
	close(done)
	p.Kill() // restores the client's terminal if the program is still running
	ending, final, endErr := app.Ending()
	h.log.Info("session ended", "remote", sess.RemoteAddr(), "tenant", sandbox.TenantID(partner), "after", time.Since(started).Round(time.Second),
		"ending", ending, "idle", idled.Load())

	code := 0
	switch {
	case sess.Context().Err() != nil: // the client went away
		return
	case idled.Load():
		wish.Println(sess, fmt.Sprintf("Closed after %s without a key press. Connect again to start afresh.", h.idle))
		code = exitInterrupted
	case ending == tui.EndDone:
		sum := newSummary(t, final)
		wish.Println(sess, fmt.Sprintf("✓ You are a verified customer: %s, %s, identity %s (customer %s). A sandbox: nothing here is real.",
			sum.Phone, sum.Email, strings.ToLower(sum.KYC), sum.ConsumerID))
	case ending == tui.EndFailed || ending == tui.EndDeclined || (err != nil && !errors.Is(err, tea.ErrInterrupted)):
		if endErr == nil {
			endErr = errors.New("onboarding stopped")
		}
		wish.Println(sess, "onboard: "+endErr.Error())
		code = exitError
	default:
		wish.Println(sess, "Session ended; nothing was kept. Connect again to start afresh.")
		code = exitInterrupted
	}
	_ = sess.Exit(code)
}

// environ turns an SSH session's environment (what the client sent with
// SendEnv, e.g. LANG) into a getenv.
func environ(vars []string) func(string) string {
	return func(key string) string {
		for _, kv := range vars {
			if k, v, ok := strings.Cut(kv, "="); ok && k == key {
				return v
			}
		}
		return ""
	}
}

// activityReader notes when a key last came in, for the idle timeout.
// Output (a spinner, a poll) is not activity: only the person is.
type activityReader struct {
	r    io.Reader
	last atomic.Int64
}

func (a *activityReader) Read(p []byte) (int, error) {
	n, err := a.r.Read(p)
	if n > 0 {
		a.touch()
	}
	return n, err
}

func (a *activityReader) touch() { a.last.Store(time.Now().UnixNano()) }

func (a *activityReader) since() time.Duration {
	return time.Since(time.Unix(0, a.last.Load()))
}
