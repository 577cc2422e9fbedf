// Package racefix: methods that forget the lock their type's other methods
// hold; the suggested fix takes it for the whole method, and the fixes test
// applies it to a copy of this package, which must then build and be clean.
package racefix

import "sync"

// Counter: Get and Reset forget the lock Inc and Add take.
type Counter struct {
	mu sync.Mutex
	n  int
}

func (c *Counter) Inc() {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
}

func (c *Counter) Add(d int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n += d
}

func (c *Counter) Get() int {
	return c.n // want "race"
}

// A body on one line gets the lock on lines of its own.
func (c *Counter) Reset() { c.n = 0 } // want "race"

// Table: a read-write lock; a method that only reads takes its read side.
type Table struct {
	mu   sync.RWMutex
	rows map[string]int
	hits int
}

func (t *Table) Put(k string, v int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.rows[k] = v
}

func (t *Table) Delete(k string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.rows, k)
}

func (t *Table) Get(k string) int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.rows[k]
}

func (t *Table) Len() int {
	return len(t.rows) // want "race"
}

// Clear writes: the write side.
func (t *Table) Clear() {
	t.rows = map[string]int{} // want "race"
}

// Gauge: an embedded mutex.
type Gauge struct {
	sync.Mutex
	level int
	name  string
}

func (g *Gauge) Set(v int) {
	g.Lock()
	defer g.Unlock()
	g.level = v
}

func (g *Gauge) Raise() {
	g.Lock()
	g.level++
	g.Unlock()
}

func (g *Gauge) Level() int {
	// Calls that cannot reach the lock (a builtin, a conversion) do not stop the fix.
	return int(int64(g.level)) + len(g.name) // want "race"
}
