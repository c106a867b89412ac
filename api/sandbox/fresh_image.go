package sandbox

import (
	"bytes"
	"compress/gzip"
	"context"
	_ "embed" // the fresh schema's image
	"encoding/binary"
	"fmt"
	"io"
)

// An in-memory sandbox (--demo, a headless run, the tests) starts from
// an empty database every time. Replaying the migrations into it parsed
// every table's history, rebuilds included: 5-6 ms of CPU at every start,
// a sixth of a headless onboarding. freshImage is the database every
// migration leaves, as SQLite's own file bytes (gzipped: most pages are
// empty), and loading it takes about 1 ms (bench/RESULTS.md).
//
// The image is made from the migrations, never by hand:
// TestFreshImageMatchesMigrations checks that its schema is the one the
// migrations leave, and `go test ./api/sandbox -run TestFreshImage
// -update-image` writes it again after a migration is added (then run
// the test again: the binary that wrote it embedded the old one). An image
// older than the migrations is not used: the store migrates as before.

//go:embed migrations/fresh.sqlite.gz
var freshImage []byte

// userVersionAt is where a SQLite file's header keeps PRAGMA
// user_version (4 bytes, big-endian).
const userVersionAt = 60

// imageVersion is the schema version img (a SQLite file) is at; 0 when it
// is too short to say.
func imageVersion(img []byte) int {
	if len(img) < userVersionAt+4 {
		return 0
	}
	return int(binary.BigEndian.Uint32(img[userVersionAt:]))
}

// loadFresh makes c's empty in-memory database the fresh image, when the
// image is at version want; loaded says whether it was.
func loadFresh(ctx context.Context, c *conn, want int) (loaded bool, err error) {
	zr, err := gzip.NewReader(bytes.NewReader(freshImage))
	if err != nil {
		return false, fmt.Errorf("sandbox: reading the fresh schema: %w", err)
	}
	img, err := io.ReadAll(zr)
	if err != nil {
		return false, fmt.Errorf("sandbox: reading the fresh schema: %w", err)
	}
	if imageVersion(img) != want {
		return false, nil
	}
	err = c.c.Raw(func(dc any) error {
		d, ok := dc.(interface{ Deserialize([]byte) error })
		if !ok {
			return fmt.Errorf("the driver cannot load a database image")
		}
		return d.Deserialize(img)
	})
	if err != nil {
		return false, fmt.Errorf("sandbox: loading the fresh schema: %w", err)
	}
	if _, err := c.c.ExecContext(ctx, "PRAGMA foreign_keys = ON"); err != nil {
		return false, fmt.Errorf("sandbox: loading the fresh schema: %w", err)
	}
	return true, nil
}
