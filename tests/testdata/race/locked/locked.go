// Package locked: the *Locked naming convention. A pointer method named fooLocked runs with its
// receiver's mutex held (the only sync.Mutex/RWMutex field, or the one named mu); callers that
// inline it bring their own locks.
package locked

import "sync"

type Pool struct {
	mu sync.Mutex
	n  int
}

func (p *Pool) clean() {
	p.mu.Lock()
	p.n--
	p.mu.Unlock()
}

// Analyzed on its own (it starts a goroutine), the method holds p.mu by convention.
func (p *Pool) startCleanerLocked() {
	go p.clean()
	p.n++
}

func (p *Pool) Start() {
	p.mu.Lock()
	p.startCleanerLocked()
	p.mu.Unlock()
}

// Several mutexes: the one named mu.
type Stmt struct {
	closemu sync.RWMutex
	mu      sync.Mutex
	css     []int
}

func (s *Stmt) add() {
	s.mu.Lock()
	s.css = append(s.css, 1)
	s.mu.Unlock()
}

func (s *Stmt) resetLocked() {
	go s.add()
	s.css = nil
}

// The racy twin: a caller that does not hold the lock; its own locks replace the convention.
type Pool2 struct {
	mu sync.Mutex
	n  int
}

func (p *Pool2) clean() {
	p.mu.Lock()
	p.n--
	p.mu.Unlock()
}

func (p *Pool2) bumpLocked() { p.n++ } // want `data race: p.n written without holding p.mu in Pool2.Run`

func (p *Pool2) Run() {
	go p.clean()
	p.bumpLocked()
}

// Not the convention: a function (no receiver) named *Locked, and a receiver without a mutex.
type Plain struct{ n int }

func (q *Plain) incLocked(mu *sync.Mutex) {
	go func() {
		mu.Lock()
		q.n++
		mu.Unlock()
	}()
	q.n++ // want `data race: q.n written without holding \*mu`
}

// Conn: the convention written in a doc comment instead of the name.
type Conn struct {
	mu    sync.Mutex
	pings int
}

func (c *Conn) ping() {
	c.mu.Lock()
	c.pings++
	c.mu.Unlock()
}

// startPinger starts the pinger and counts the start. Lock should be held.
func (c *Conn) startPinger() {
	go c.ping()
	c.pings++
}

// startUnlocked starts the pinger and counts the start; it does not need the lock held.
func (c *Conn) startUnlocked() {
	go c.ping()
	c.pings++ // want `data race: c.pings written without holding c.mu in Conn.startUnlocked while the goroutine runs`
}
