// Package store keeps open connections; package server uses it.
package store

import "sync"

type Conn struct{ name string }

// Name dereferences its receiver.
func (c *Conn) Name() string { return c.name }

type Pool struct {
	mu    sync.Mutex
	conns map[string]*Conn
	hits  int
	uses  int
	// Stats is the callers' to update, under Lock.
	Stats int
}

// Get returns nil when no connection is open under the name.
func (p *Pool) Get(name string) *Conn {
	p.mu.Lock()
	defer p.mu.Unlock()
	if c, ok := p.conns[name]; ok {
		return c
	}
	return nil
}

// Hit counts a use without the lock.
func (p *Pool) Hit() { p.hits++ }

// Hits reads the count under the lock.
func (p *Pool) Hits() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.hits
}

// Touch counts a use under the lock.
func (p *Pool) Touch() {
	p.mu.Lock()
	p.uses++
	p.mu.Unlock()
}

// Lock and Unlock let callers hold the pool's lock around their own updates of Stats.
func (p *Pool) Lock()   { p.mu.Lock() }
func (p *Pool) Unlock() { p.mu.Unlock() }

// Refresh updates Stats from a goroutine of its own, under the lock, and returns at once.
func (p *Pool) Refresh() {
	go func() {
		p.mu.Lock()
		p.Stats++
		p.mu.Unlock()
	}()
}

// Spare is never called with nil; the directive matters to store's own runs only.
func Spare(c *Conn) string {
	return c.Name() //nolint:vigil-nil // a directive in a dependency is never reported unused by its dependents' runs
}
