package main

import (
	"context"
	"path/filepath"

	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/internal/sandboxrun"
)

// startEmbedded runs the sandbox in-process on a port of its own, on
// loopback unless emb.host says otherwise; its links use that address.
// It returns once the sandbox answers.
func startEmbedded(ctx context.Context, emb embedded) (*sandbox.Server, string, func(), error) {
	base, st, stop, err := launch(ctx, emb)
	if err != nil {
		return nil, "", nil, err
	}
	srv, err := st.Wait()
	if err != nil {
		stop()
		return nil, "", nil, err
	}
	return srv, base, stop, nil
}

// openEmbedded starts the embedded sandbox for t: t.started waits for it.
// Unless emb.background, it returns once the sandbox has started.
func openEmbedded(ctx context.Context, t *target, emb embedded) (string, func(), error) {
	base, st, stop, err := launch(ctx, emb)
	if err != nil {
		return "", nil, err
	}
	t.started = func() error { _, err := st.Wait(); return err }
	if emb.paint != nil {
		t.painted = emb.paint.painted
		stopStarted := stop
		stop = func() { // a run that ends before its first frame (or never runs) closes at once
			emb.paint.painted()
			stopStarted()
		}
	}
	if !emb.background {
		if err := t.started(); err != nil {
			stop()
			return "", nil, err
		}
	}
	return base, stop, nil
}

// ready waits until t's embedded sandbox has started, and says why it did
// not; nil at once for any other target. Whoever waits for the start
// before the program runs paints nothing first: the database opens now.
func (t *target) ready() error {
	if t.started == nil {
		return nil
	}
	if t.painted != nil {
		t.painted()
	}
	return t.started()
}

// launch starts the sandbox as emb says (internal/sandboxrun): the
// default database is the state folder's, where the addresses it served
// from are kept too.
func launch(ctx context.Context, emb embedded) (string, *sandboxrun.Start, func(), error) {
	o := sandboxrun.Options{DB: emb.db, Host: emb.host, AutoApprove: emb.autoApprove, Sessions: emb.sessions,
		Log: emb.log, BeforeOpen: emb.beforeOpen}
	if emb.paint != nil {
		o.BeforeOpen = emb.paint.then(ctx, emb.beforeOpen)
	}
	if o.DB == "" {
		db, err := sandboxrun.DefaultDB()
		if err != nil {
			return "", nil, nil, err
		}
		o.DB, o.AddressesDir = db, filepath.Dir(db)
	}
	return sandboxrun.Launch(ctx, o)
}
