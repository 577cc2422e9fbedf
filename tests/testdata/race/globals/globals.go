// Package globals: package-level values of library types that are not safe
// for concurrent use, changed by exported functions any goroutine may call.
package globals

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand"
	"sync"
	"time"
)

var r *rand.Rand

func init() {
	r = rand.New(rand.NewSource(time.Now().Unix()))
}

// RandID draws from the shared generator: two callers at once race on its state.
func RandID(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Intn(256)) // want `data race: r written by r.Intn in RandID, which callers may run concurrently`
	}
	return fmt.Sprintf("%x", b)
}

var (
	lockedMu sync.Mutex
	locked   = rand.New(rand.NewSource(1))
)

// LockedID: the race-free twin, the generator is drawn from under a lock.
func LockedID() int64 {
	lockedMu.Lock()
	defer lockedMu.Unlock()
	return locked.Int63()
}

var scratch bytes.Buffer

// Render formats into a shared buffer.
func Render(v any) string {
	scratch.Reset() // want `data race: scratch written by scratch.Reset in Render`
	fmt.Fprint(&scratch, v)
	return scratch.String()
}

// Size only reads the shared buffer.
func Size() int { return scratch.Len() }

var flags = flag.NewFlagSet("tool", flag.ContinueOnError)

// Parse fills the flag set: configuration, parsed once before anything runs.
func Parse(args []string) error { return flags.Parse(args) }

// seed is unexported: the package decides who calls it.
func seed() { r.Seed(1) }

// lockedSource serializes the generator's state: a Rand built on it may be
// shared (the Rand methods that draw numbers only call the source).
type lockedSource struct {
	mu  sync.Mutex
	src rand.Source
}

func (s *lockedSource) Int63() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.src.Int63()
}

func (s *lockedSource) Seed(seed int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.src.Seed(seed)
}

var shared = rand.New(&lockedSource{src: rand.NewSource(1)})

// SharedID draws from a generator whose source locks: the race-free twin of RandID.
func SharedID() uint32 { return shared.Uint32() }
