// Package server handles requests with a store.Pool.
package server

import "vigil.test/facts/store"

// Handle dereferences what Get may return.
func Handle(p *store.Pool, name string) string {
	return p.Get(name).Name() // want `(?s)nil panic: p.Get\(…\) may be nil.*nil returned from \(\*store.Pool\).Get`
}

// HandleChecked checks first.
func HandleChecked(p *store.Pool, name string) string {
	if c := p.Get(name); c != nil {
		return c.Name() // ok
	}
	return ""
}

// Known is only called with names that are open; the nolint is needed.
func Known(p *store.Pool, name string) string {
	return p.Get(name).Name() //nolint:vigil-nil // callers pass open names only
}

// Count counts twice at once: Hit writes the pool's count without the lock.
func Count(p *store.Pool) int {
	done := make(chan bool)
	go func() {
		p.Hit() // want `(?s)data race`
		done <- true
	}()
	p.Hit()
	<-done
	return p.Hits()
}

// CountLocked counts twice at once, under the pool's lock each time: no race.
func CountLocked(p *store.Pool) {
	done := make(chan bool)
	go func() {
		p.Touch() // ok
		done <- true
	}()
	p.Touch()
	<-done
}

// Record updates the pool's stats at once from two goroutines, each holding the pool's lock: no race.
func Record(p *store.Pool) {
	done := make(chan bool)
	go func() {
		p.Lock()
		p.Stats++ // ok
		p.Unlock()
		done <- true
	}()
	p.Lock()
	p.Stats++
	p.Unlock()
	<-done
}

// RecordUnlocked forgets the lock in the goroutine.
func RecordUnlocked(p *store.Pool) {
	done := make(chan bool)
	go func() {
		p.Stats++ // want `(?s)data race`
		done <- true
	}()
	p.Lock()
	p.Stats++
	p.Unlock()
	<-done
}

// Reset clears the stats while the goroutine Refresh started may update them: the write lacks the lock.
func Reset(p *store.Pool) {
	p.Refresh()
	p.Stats = 0 // want `(?s)data race`
}

// ResetLocked clears them holding the lock: no race.
func ResetLocked(p *store.Pool) {
	p.Refresh()
	p.Lock()
	p.Stats = 0 // ok
	p.Unlock()
}

var requests int

// Bump counts a request; it is safe only when called from one goroutine.
func Bump() { requests++ }

// Title dereferences its argument.
func Title(c *store.Conn) string { return "conn " + c.Name() }
