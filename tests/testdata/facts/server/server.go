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

var requests int

// Bump counts a request; it is safe only when called from one goroutine.
func Bump() { requests++ }

// Title dereferences its argument.
func Title(c *store.Conn) string { return "conn " + c.Name() }
