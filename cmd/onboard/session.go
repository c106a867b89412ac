package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/wish/v2"
	"charm.land/wish/v2/bubbletea"
	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/linkcy"
	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/config"
	"github.com/onboard-cli/onboard/internal/i18n"
	"github.com/onboard-cli/onboard/internal/sampledocs"
	"github.com/onboard-cli/onboard/internal/wrap"
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
	log                  *slog.Logger
	limits               serveLimits
	gate                 *connGate // the connections not yet in a session
	full                 perSecond // sessions refused because all slots are taken
	// tr is the run's printer, English, which every session shares; a
	// session whose client's locale is French shares trFR, made once
	// (printer): a session never compiles a catalog of its own.
	tr     i18n.Printer
	frOnce sync.Once
	trFR   i18n.Printer

	mu     sync.Mutex
	active int
}

// middleware is the SSH handler: a wizard, or a sentence saying why not.
func (h *sessionHost) middleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		h.gate.started(sess.Context())
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
		if n := h.full.count(); n > 0 {
			h.log.Warn("sessions refused: full", "refused", n, "last", sess.RemoteAddr(), "max", h.max)
		}
		h.refuse(sess, fmt.Sprintf("onboard serve is full (%d sessions). Try again in a few minutes.", h.max))
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
		h.refuse(sess, "onboard needs a terminal: connect with ssh -t.")
		return
	}
	// Once the session's program is gone nobody else reads its window
	// changes, and the SSH library stops reading the whole connection
	// while one waits: they are read, and dropped, until it closes.
	defer func() { go drainWindows(windows) }()
	// The session's tenant of the shared sandbox; its name is the
	// capability to its data, so the log gets only its TenantID.
	partner := sandbox.NewSessionPartner(h.partner)
	t := &target{close: func() {}, embedded: true, sandboxHost: hostOf(h.sandboxBase), plan: defaultPlan(linkcy.Describe())}
	desc := linkcy.Describe()
	c := api.Connection{Config: api.Config{BaseURL: h.sandboxBase + desc.SandboxPrefix, HTTPClient: h.hc, Version: versionString(), Sandbox: true},
		SandboxBase: h.sandboxBase, Embedded: true, Partner: partner, EveryStep: true}
	if err := t.connect(desc, c); err != nil {
		h.refuse(sess, "onboard: "+err.Error())
		return
	}
	getenv := environ(sess.Environ())
	f := wizardFlags{demo: h.demo, region: regionFromLocale(getenv)}
	if h.demo {
		samplePerson(&f, rand.IntN)
	}
	// The client's language, from the locale it sent (OpenSSH sends LANG
	// and LC_* where its config says SendEnv, as Debian's does).
	lang := config.LangFromLocale(getenv).Value
	s := settings{Lang: setting{Value: lang}}
	st, _, _ := startState(t, s, f) // no progress file: a session keeps nothing
	opts := tuiOptions(getenv, s, f, t, st, nil)
	opts.Printer = h.printer(lang)
	var docs sampledocs.Folder // a company demo's documents, written when the company is chosen
	defer docs.Remove()
	opts.SampleDocuments = docs.Fill
	app := tui.New(sess.Context(), opts)
	size := h.limits.windowSize(pty.Window)
	h.log.Info("session started", "remote", sess.RemoteAddr(), "term", truncate(pty.Term, 64),
		"size", fmt.Sprintf("%d×%d", size.Width, size.Height), "tenant", sandbox.TenantID(partner))

	in := &activityReader{r: sess}
	in.touch()
	// MakeOptions sizes the program with the client's own numbers: the
	// clamped size, given after it, is the one that counts.
	p := tea.NewProgram(app, append(bubbletea.MakeOptions(sess), tea.WithContext(sess.Context()), tea.WithInput(in),
		tea.WithFPS(tui.FPS), tea.WithWindowSize(size.Width, size.Height))...)
	end := h.run(sess, p, windows, in)
	after := time.Since(started).Round(time.Second)
	if end.gone || sess.Context().Err() != nil {
		// The program may still be stopping: its app is not read, and
		// nothing more is written to a client that went away.
		why := "client gone"
		if end.idled {
			why = "cut off: idle, and the program would not stop"
		}
		h.log.Info("session ended", "remote", sess.RemoteAddr(), "tenant", sandbox.TenantID(partner), "after", after, "ending", why, "idle", end.idled)
		return
	}
	ending, final, endErr := app.Ending()
	h.log.Info("session ended", "remote", sess.RemoteAddr(), "tenant", sandbox.TenantID(partner), "after", after, "ending", ending, "idle", end.idled)
	h.finish(sess, t, end, closing{ending: ending, final: final, err: endErr, tr: opts.Printer, width: app.Width()})
}

// printer is the sessions' printer for lang, "en" or "fr".
func (h *sessionHost) printer(lang string) i18n.Printer {
	if lang != "fr" {
		return h.tr
	}
	h.frOnce.Do(func() { h.trFR = h.tr.For("fr") })
	return h.trFR
}

// sessionEnd is how a session's program ended.
type sessionEnd struct {
	err   error // from tea.Program.Run
	idled bool  // closed for want of a key press
	gone  bool  // the client went away, or the program would not stop: the connection is closed
}

// run runs p until it ends, the client goes away or the person has been
// idle for h.idle. It never waits on the client: when its connection ends,
// or the program does not stop within the grace after an idle timeout,
// the program is killed and the connection closed, so that the slot is
// free at once, whatever the program is doing.
func (h *sessionHost) run(sess ssh.Session, p *tea.Program, windows <-chan ssh.Window, in *activityReader) sessionEnd {
	ctx, cancel := context.WithCancel(sess.Context())
	defer cancel()
	go h.limits.resizes(ctx, windows, func(w tea.WindowSizeMsg) { p.Send(w) })
	ran := make(chan error, 1)
	go func() {
		_, err := p.Run()
		ran <- err
	}()
	tick := time.NewTicker(h.idle / 10)
	defer tick.Stop()
	for {
		select {
		case err := <-ran:
			p.Kill() // restores the client's terminal if the program is still running
			return sessionEnd{err: err}
		case <-ctx.Done():
			abandon(sess, p)
			return sessionEnd{gone: true}
		case <-tick.C:
			if in.since() < h.idle {
				continue
			}
			go p.Quit() // Quit waits for the program to take it
			grace := time.NewTimer(h.limits.quitGrace)
			defer grace.Stop()
			select {
			case err := <-ran:
				return sessionEnd{err: err, idled: true}
			case <-ctx.Done():
			case <-grace.C:
			}
			abandon(sess, p)
			return sessionEnd{idled: true, gone: true}
		}
	}
}

// abandon ends a session that cannot end by itself: the program is killed
// and the client's connection closed, which fails any write still waiting
// on it.
func abandon(sess ssh.Session, p *tea.Program) {
	go p.Kill() // Kill waits for a shutdown in progress, which may be writing
	closeConn(sess)
}

// refuse tells the client why it gets no session with exit status 1 and
// leaves the connection to the client to close, closing it itself after
// the grace: a refused connection is out of the gate, so it must not stay
// open. Closing at once could reset the connection while OpenSSH still
// sends its disconnect, and it would end with 255 instead of 1. refuse
// returns at once, so a refused session holds no slot while it lingers.
func (h *sessionHost) refuse(sess ssh.Session, why string) {
	time.AfterFunc(h.limits.quitGrace, func() { closeConn(sess) })
	wish.Fatalln(sess, why)
}

// drainWindows reads a session's window changes until the channel closes.
func drainWindows(windows <-chan ssh.Window) {
	for range windows {
	}
}

// truncate cuts what a client says of itself to n bytes for the log.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// closeConn closes the SSH connection sess runs on.
func closeConn(sess ssh.Session) {
	if c, ok := sess.Context().Value(ssh.ContextKeyConn).(gossh.Conn); ok {
		_ = c.Close()
	}
}

// closing is what a session's last words are made of: how its wizard
// ended, in the person's language and wrapped to their window.
type closing struct {
	ending tui.Ending
	final  flow.State
	err    error
	tr     i18n.Printer
	width  int // the session's window when the wizard last heard of it
}

// finish tells the person how their session ended, and ends it. A client
// that does not take these last words within the grace is cut off. The
// words are wrapped at spaces to the session's window (internal/wrap, as
// cmd/onboard/tui.go does), so that its terminal breaks no word or id.
func (h *sessionHost) finish(sess ssh.Session, t *target, end sessionEnd, c closing) {
	cut := time.AfterFunc(h.limits.quitGrace, func() { closeConn(sess) })
	defer cut.Stop()
	tr := c.tr
	say := func(line string) { wish.Println(sess, wrap.Words(line, c.width)) } // the pty turns \n into \r\n
	code := 0
	switch {
	case end.idled:
		say(tr.F("Closed after %s without a key press. Connect again to start afresh.", h.idle))
		code = exitInterrupted
	case c.ending == tui.EndDone && !flow.NewSummary(t.provider.Name(), t.phone != nil, t.plan, c.final).Onboarded:
		say(tr.T(flow.AccountNote(c.final.Account())))
		code = exitError
	case c.ending == tui.EndDone:
		sum := flow.NewSummary(t.provider.Name(), t.phone != nil, t.plan, c.final)
		say(tr.F("✓ You are a verified customer: %s, %s, identity %s (customer %s). A sandbox: nothing here is real.",
			sum.Phone, sum.Email, tr.M(flow.KYCWord(api.KYCStatus(sum.KYC))), sum.ConsumerID))
	case c.ending == tui.EndFailed || c.ending == tui.EndDeclined || (end.err != nil && !errors.Is(end.err, tea.ErrInterrupted)):
		endErr := c.err
		if endErr == nil {
			endErr = flow.Say("onboarding stopped")
		}
		say(tr.F("onboard: %s", tr.Err(endErr)))
		code = exitError
	default:
		say(tr.T("Session ended; nothing was kept. Connect again to start afresh."))
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
