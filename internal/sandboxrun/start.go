// Package sandboxrun runs onboard's embedded sandbox in-process: its
// listener opened at once (on the address it last served from, so that
// the links it issued still open), its database opened in the background
// while the wizard paints (docs/ARCHITECTURE.md, "Start-up"); and what
// the commands that serve a sandbox decide before serving: `onboard
// sandbox`'s flag checks and banner (server.go), and whether `onboard
// serve --sandbox-url` names a team sandbox its sessions can use
// (team.go).
package sandboxrun

import (
	"cmp"
	"context"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/internal/i18n"
)

// Start is the embedded sandbox starting in the background: its
// database opened (and migrated) and its routes built. The listener is
// open before, so the wizard knows the sandbox's address and can paint
// its first frame meanwhile (docs/ARCHITECTURE.md, "Start-up").
type Start struct {
	done   chan struct{} // closed once srv or err is set
	srv    *sandbox.Server
	served http.Handler // srv, with earlier addresses' links rewritten
	err    error
}

// Wait blocks until the sandbox has started or failed to.
func (st *Start) Wait() (*sandbox.Server, error) {
	<-st.done
	return st.srv, st.err
}

// Launch opens the embedded sandbox's listener and serves on it at once; the database is opened in the background. A request that comes
// before it is open waits for it (or for its own end); one after a failed
// start is answered 503, while the caller learns why from st.wait.
func Launch(ctx context.Context, emb Options) (base string, st *Start, stop func(), err error) {
	ln, base, earlier, err := listen(emb)
	if err != nil {
		return "", nil, nil, err
	}
	st = &Start{done: make(chan struct{})}
	go func() {
		defer close(st.done)
		if emb.BeforeOpen != nil {
			emb.BeforeOpen()
		}
		// The embedded sandbox is a demo: a cheap bcrypt cost keeps
		// setting a password and logging in instant (the standalone
		// sandbox keeps the default cost).
		st.srv, st.err = sandbox.New(ctx, sandbox.Options{DB: emb.DB, PublicURL: base, KYCAutoApprove: emb.AutoApprove,
			SessionPartners: emb.Sessions, BcryptCost: bcrypt.MinCost, Readers: readersFor(emb)})
		if st.err == nil {
			st.served = rebased(st.srv, base, earlier)
		}
	}()
	hs, requests, conns := server(st)
	go func() { _ = hs.Serve(ln) }() // ends with Shutdown below
	stop = func() {
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = hs.Shutdown(sctx)
		if srv, err := st.Wait(); err == nil {
			srv.Close()
		}
		if emb.Log != nil {
			emb.Log.Debug("embedded sandbox", "requests", requests.Load(), "connections", conns.Load())
		}
	}
	return base, st, stop, nil
}

// server is the HTTP server of a starting sandbox, counting the
// requests and connections it serves (--debug's log says them).
func server(st *Start) (hs *http.Server, requests, conns *atomic.Int64) {
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

// Options say how to run the embedded sandbox.
type Options struct {
	// DB is its SQLite file, ":memory:" for none; AddressesDir, when set,
	// is where the addresses it served from are kept (the state folder,
	// beside the default database), so that its links outlive the run.
	DB, AddressesDir string
	// Host is the address to listen on; "" for loopback.
	Host string
	// AutoApprove approves each KYC this long after its link; 0 for by hand.
	AutoApprove time.Duration
	// Sessions accepts session partners (onboard serve).
	Sessions bool
	// Log (--debug) gets the requests and connections served, at the end.
	Log *slog.Logger
	// BeforeOpen, when set, runs before the database is opened (a test
	// holds the start with it).
	BeforeOpen func()
}

// listen opens the sandbox's listener, on loopback unless o.Host says
// otherwise. With o.AddressesDir it listens where it last did when that
// port is free, and returns the earlier addresses, whose links are
// rewritten.
func listen(o Options) (ln net.Listener, base string, earlier []string, err error) {
	host := cmp.Or(o.Host, "127.0.0.1")
	var addrs sandboxAddresses
	if o.AddressesDir != "" {
		addrs = loadSandboxAddresses(o.AddressesDir)
	}
	if ln, err = addrs.listen(host); err != nil {
		return nil, "", nil, i18n.Errorf("starting the embedded sandbox on %s: %v", host, err)
	}
	base = "http://" + ln.Addr().String()
	if o.AddressesDir != "" {
		_ = addrs.save(o.AddressesDir, base) // without it, the next run's links are this run's, as before
	}
	return ln, base, addrs.earlier(base), nil
}

// readersFor is how many read-only connections the sandbox's database
// gets: none for one person's wizard (reads share the writer, and nothing
// is opened or prepared twice), the default for onboard serve, whose
// sessions read at once.
func readersFor(o Options) int {
	if o.Sessions {
		return 0
	}
	return -1
}
