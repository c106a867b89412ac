package main

import (
	"context"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/onboard-cli/onboard/api/sandbox"
)

// embeddedStart is the embedded sandbox starting in the background: its
// database opened (and migrated) and its routes built. The listener is
// open before, so the wizard knows the sandbox's address and can paint
// its first frame meanwhile (docs/ARCHITECTURE.md, "Start-up").
type embeddedStart struct {
	done   chan struct{} // closed once srv or err is set
	srv    *sandbox.Server
	served http.Handler // srv, with earlier addresses' links rewritten
	err    error
}

// wait blocks until the sandbox has started or failed to.
func (st *embeddedStart) wait() (*sandbox.Server, error) {
	<-st.done
	return st.srv, st.err
}

// startEmbedded runs the sandbox in-process on a port of its own, on
// loopback unless emb.host says otherwise; its links use that address.
// It returns once the sandbox answers.
func startEmbedded(ctx context.Context, emb embedded) (*sandbox.Server, string, func(), error) {
	base, st, stop, err := launchEmbedded(ctx, emb)
	if err != nil {
		return nil, "", nil, err
	}
	srv, err := st.wait()
	if err != nil {
		stop()
		return nil, "", nil, err
	}
	return srv, base, stop, nil
}

// openEmbedded starts the embedded sandbox for t: t.started waits for it.
// Unless emb.background, it returns once the sandbox has started.
func openEmbedded(ctx context.Context, t *target, emb embedded) (string, func(), error) {
	base, st, stop, err := launchEmbedded(ctx, emb)
	if err != nil {
		return "", nil, err
	}
	t.started = func() error { _, err := st.wait(); return err }
	if !emb.background {
		if err := t.started(); err != nil {
			stop()
			return "", nil, err
		}
	}
	return base, stop, nil
}

// launchEmbedded opens the embedded sandbox's listener and serves on it
// at once; the database is opened in the background. A request that comes
// before it is open waits for it (or for its own end); one after a failed
// start is answered 503, while the caller learns why from st.wait.
func launchEmbedded(ctx context.Context, emb embedded) (base string, st *embeddedStart, stop func(), err error) {
	ln, base, earlier, err := listenEmbedded(&emb)
	if err != nil {
		return "", nil, nil, err
	}
	st = &embeddedStart{done: make(chan struct{})}
	go func() {
		defer close(st.done)
		if emb.beforeOpen != nil {
			emb.beforeOpen()
		}
		// The embedded sandbox is a demo: a cheap bcrypt cost keeps
		// setting a password and logging in instant (the standalone
		// sandbox keeps the default cost).
		st.srv, st.err = sandbox.New(ctx, sandbox.Options{DB: emb.db, PublicURL: base, KYCAutoApprove: emb.autoApprove,
			SessionPartners: emb.sessions, BcryptCost: bcrypt.MinCost, Readers: readersFor(emb)})
		if st.err == nil {
			st.served = rebased(st.srv, base, earlier)
		}
	}()
	hs, requests, conns := embeddedServer(st)
	go func() { _ = hs.Serve(ln) }() // ends with Shutdown below
	stop = func() {
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = hs.Shutdown(sctx)
		if srv, err := st.wait(); err == nil {
			srv.Close()
		}
		if emb.log != nil {
			emb.log.Debug("embedded sandbox", "requests", requests.Load(), "connections", conns.Load())
		}
	}
	return base, st, stop, nil
}

// embeddedServer is the HTTP server of a starting sandbox, counting the
// requests and connections it serves (--debug's log says them).
func embeddedServer(st *embeddedStart) (hs *http.Server, requests, conns *atomic.Int64) {
	requests, conns = new(atomic.Int64), new(atomic.Int64)
	counted := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		select {
		case <-st.done:
		case <-r.Context().Done():
			return
		}
		if st.err != nil {
			http.Error(w, "the embedded sandbox did not start", http.StatusServiceUnavailable)
			return
		}
		st.served.ServeHTTP(w, r)
	})
	hs = &http.Server{Handler: counted, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute,
		ConnState: func(_ net.Conn, s http.ConnState) {
			if s == http.StateNew {
				conns.Add(1)
			}
		}}
	// The sandbox phone's held request must not delay the end.
	hs.RegisterOnShutdown(func() {
		select {
		case <-st.done:
			if st.srv != nil {
				st.srv.EndWaits()
			}
		default: // not started: nothing is held
		}
	})
	return hs, requests, conns
}

// ready waits until t's embedded sandbox has started, and says why it did
// not; nil at once for any other target.
func (t *target) ready() error {
	if t.started == nil {
		return nil
	}
	return t.started()
}
