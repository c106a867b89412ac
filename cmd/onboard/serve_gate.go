package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// connGate holds the connections that have not started a session yet: at
// most limit at once (more are closed at once), each closed if it has not
// started one within handshake or has sent more than budget bytes before.
// Without it, silent TCP connections would pile up for ever.
type connGate struct {
	limit     int
	handshake time.Duration
	budget    int64 // bytes a connection may send before its session
	total     int64 // bytes a connection may send in all
	channels  int32 // session channels open at once on one connection
	log       *slog.Logger

	mu      sync.Mutex
	pending int
	// refusals: a flood of connections gets a log line a second, not one each.
	refusals perSecond
}

func newConnGate(l serveLimits, logger *slog.Logger) *connGate {
	return &connGate{limit: l.pending, handshake: l.handshake, budget: l.preSessionBytes, total: l.connBytes,
		channels: l.channelsPerConn, log: logger}
}

// gateKey is where a connection's *pendingConn sits in its ssh.Context.
type gateKey struct{}

// admit is the SSH server's ConnCallback: the connection, watched until
// its first session starts, or nil (and the server closes it) when too many
// are already waiting.
func (g *connGate) admit(ctx ssh.Context, c net.Conn) net.Conn {
	if !g.take() {
		if n := g.refusals.count(); n > 0 {
			g.log.Warn("connections refused: too many not yet in a session", "refused", n, "last", c.RemoteAddr(), "max", g.limit)
		}
		return nil
	}
	pc := &pendingConn{Conn: c, gate: g}
	pc.timer = time.AfterFunc(g.handshake, func() {
		if pc.leave() {
			g.log.Warn("connection closed: no session started in time", "remote", c.RemoteAddr(), "after", g.handshake)
			_ = c.Close()
		}
	})
	ctx.SetValue(gateKey{}, pc)
	return pc
}

func (g *connGate) take() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.pending >= g.limit {
		return false
	}
	g.pending++
	return true
}

// perSecond counts refusals of one kind for a log line at most a second.
type perSecond struct {
	mu       sync.Mutex
	n        int       // since the last line
	warnedAt time.Time // when the last line was written
}

// count counts one, and returns how many since the last line when it is
// time for another, else 0.
func (p *perSecond) count() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n++
	if time.Since(p.warnedAt) < time.Second {
		return 0
	}
	n := p.n
	p.n, p.warnedAt = 0, time.Now()
	return n
}

func (g *connGate) give() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.pending--
}

// count is how many connections have not started a session yet.
func (g *connGate) count() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.pending
}

// started notes that the connection behind ctx has started a session: it
// no longer counts against the gate, and its timer is stopped.
func (g *connGate) started(ctx ssh.Context) {
	if pc, ok := ctx.Value(gateKey{}).(*pendingConn); ok {
		pc.leave()
		pc.timer.Stop()
	}
}

// limitChannels wraps the SSH server's session channel handler: a
// connection may have g.channels session channels open at once, more are
// refused. Each costs the server some memory before it starts a session
// (which then takes a slot), and after a connection's first session the
// gate's byte budget no longer bounds how many it opens.
func (g *connGate) limitChannels(next ssh.ChannelHandler) ssh.ChannelHandler {
	return func(srv *ssh.Server, conn *gossh.ServerConn, newChan gossh.NewChannel, ctx ssh.Context) {
		if pc, ok := ctx.Value(gateKey{}).(*pendingConn); ok {
			if pc.channels.Add(1) > g.channels {
				pc.channels.Add(-1)
				_ = newChan.Reject(gossh.ResourceShortage, fmt.Sprintf("at most %d sessions at once on one connection", g.channels))
				return
			}
			defer pc.channels.Add(-1)
		}
		next(srv, conn, newChan, ctx)
	}
}

// pendingConn is a connection the gate watches until its session starts,
// and whose bytes and session channels it counts for as long as it lives.
type pendingConn struct {
	net.Conn
	gate     *connGate
	timer    *time.Timer
	read     atomic.Int64
	out      atomic.Bool // no longer counted: started, closed or timed out
	channels atomic.Int32
	cut      atomic.Bool // closed for sending too much in all
}

// errTooMuchBeforeSession ends a connection that sends too much before
// its session starts (env requests, say, which the SSH library keeps).
var errTooMuchBeforeSession = errors.New("too much data before a session started")

// errTooMuch ends a connection that sends more than a person at a
// keyboard ever could (env requests on a running session, say).
var errTooMuch = errors.New("too much data on one connection")

func (pc *pendingConn) Read(b []byte) (int, error) {
	n, err := pc.Conn.Read(b)
	read := pc.read.Add(int64(n))
	switch {
	case !pc.out.Load() && read > pc.gate.budget:
		if pc.leave() {
			pc.gate.log.Warn("connection closed: too much sent before a session", "remote", pc.RemoteAddr())
		}
		_ = pc.Conn.Close()
		return 0, errTooMuchBeforeSession
	case read > pc.gate.total:
		if !pc.cut.Swap(true) {
			pc.gate.log.Warn("connection closed: too much sent", "remote", pc.RemoteAddr(), "bytes", read)
		}
		_ = pc.Conn.Close()
		return 0, errTooMuch
	}
	return n, err
}

func (pc *pendingConn) Close() error {
	pc.leave()
	pc.timer.Stop()
	return pc.Conn.Close()
}

// leave takes the connection off the gate's count, once; it reports
// whether this call did.
func (pc *pendingConn) leave() bool {
	if pc.out.Swap(true) {
		return false
	}
	pc.gate.give()
	return true
}
