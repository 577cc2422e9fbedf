// Package busy: a bool field used as a try-lock. Flush claims m.flushing under flushmu
// (giving up when another Flush holds it) and releases it at the end, so the code between
// runs one call at a time, whether Flush is called by the user or by the auto-flush goroutine.
package busy

import (
	"sync"
	"time"
)

type Checker struct {
	mu      sync.Mutex
	metrics []string
	tags    map[string]string
	force   bool
}

func (c *Checker) add(names []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.metrics = append(c.metrics, names...)
	c.force = true
}

func (c *Checker) Count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.metrics)
}

func (c *Checker) Reset() {
	c.mu.Lock()
	c.metrics = nil
	c.mu.Unlock()
}

// Update reads metrics with no lock after add: safe only because Flush is its only caller.
func (c *Checker) Update(names []string) {
	c.add(names)
	for i, m := range c.metrics {
		if t, ok := c.tags[m]; ok {
			c.metrics[i] = m + ":" + t
		}
	}
}

type Metrics struct {
	check    *Checker
	flushmu  sync.Mutex
	flushing bool
	pending  []string
}

func New() *Metrics {
	m := &Metrics{check: &Checker{tags: map[string]string{}}}
	go func() {
		for range time.Tick(time.Second) {
			m.Flush()
		}
	}()
	return m
}

func (m *Metrics) Flush() {
	m.flushmu.Lock()
	if m.flushing {
		m.flushmu.Unlock()
		return
	}
	m.flushing = true
	m.flushmu.Unlock()

	m.submit()

	m.flushmu.Lock()
	m.flushing = false
	m.flushmu.Unlock()
}

func (m *Metrics) submit() {
	m.check.Update(m.names())
}

func (m *Metrics) names() []string { return []string{"a", "b"} }

// Racy twin: the same checker, but Update is also called outside the busy region.
type Checker2 struct {
	mu      sync.Mutex
	metrics []string
}

func (c *Checker2) add(names []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.metrics = append(c.metrics, names...)
}

func (c *Checker2) Count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.metrics)
}

func (c *Checker2) Reset() {
	c.mu.Lock()
	c.metrics = nil
	c.mu.Unlock()
}

func (c *Checker2) Update(names []string) {
	c.add(names)
	for i, m := range c.metrics { // want `data race: c.metrics\[_\] read without holding c.mu in Checker2.Update`
		c.metrics[i] = m + "!" // want `data race: c.metrics\[i\] written without holding c.mu in Checker2.Update`
	}
}

type Metrics2 struct {
	check    *Checker2
	flushmu  sync.Mutex
	flushing bool
}

func (m *Metrics2) Flush() {
	m.flushmu.Lock()
	if m.flushing {
		m.flushmu.Unlock()
		return
	}
	m.flushing = true
	m.flushmu.Unlock()
	m.check.Update(nil)
	m.flushmu.Lock()
	m.flushing = false
	m.flushmu.Unlock()
}

// ForceUpdate skips the busy flag: it can run alongside a Flush.
func (m *Metrics2) ForceUpdate() { m.check.Update(nil) }

// Racy twin: a flag that other code raises without claiming it is no try-lock.
type Checker3 struct {
	mu      sync.Mutex
	metrics []string
}

func (c *Checker3) add(names []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.metrics = append(c.metrics, names...)
}

func (c *Checker3) Count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.metrics)
}

func (c *Checker3) Reset() {
	c.mu.Lock()
	c.metrics = nil
	c.mu.Unlock()
}

func (c *Checker3) Update(names []string) {
	c.add(names)
	for i, m := range c.metrics { // want `data race: c.metrics\[_\] read without holding c.mu in Checker3.Update`
		c.metrics[i] = m + "!" // want `data race: c.metrics\[i\] written without holding c.mu in Checker3.Update`
	}
}

type Metrics3 struct {
	check    *Checker3
	flushmu  sync.Mutex
	flushing bool
}

func (m *Metrics3) Flush() {
	m.flushmu.Lock()
	if m.flushing {
		m.flushmu.Unlock()
		return
	}
	m.flushing = true
	m.flushmu.Unlock()
	m.check.Update(nil)
	m.flushmu.Lock()
	m.flushing = false
	m.flushmu.Unlock()
}

// Pause raises the flag without testing it: a Flush already running keeps going.
func (m *Metrics3) Pause() {
	m.flushmu.Lock()
	m.flushing = true
	m.flushmu.Unlock()
}
